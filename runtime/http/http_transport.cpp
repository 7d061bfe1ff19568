#include "runtime/http/http_transport.hpp"

#include "runtime/http/curl_transfer.hpp"

#include <curl/curl.h>
#include <mutex>
#include <new>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace troupe {

namespace {

// curl_global_init is not thread-safe in every build of curl; a function-local
// static runs it exactly once however many transports start concurrently.
void init_curl_once() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  static_cast<void>(result);
}

constexpr long max_host_connections = 64;
constexpr long max_cached_connections = 256;
constexpr int idle_poll_ms = 1000;

} // namespace

struct http_transport::impl {
  struct submission {
    uint64_t id;
    http_request request;
    caf::strong_actor_ptr reply_to;
    curl_transfer::clock::time_point submitted;
  };

  impl();
  ~impl();

  uint64_t submit(http_request request, caf::strong_actor_ptr reply_to);
  void cancel(uint64_t id);
  std::size_t in_flight() const;
  bool on_loop_thread() const { return loop_.get_id() == std::this_thread::get_id(); }

private:
  void run();
  bool take_work(std::vector<submission>& incoming, std::vector<uint64_t>& cancelled);
  void start(submission work);
  void drop(uint64_t id);
  void collect_finished();
  void stop_all();
  bool claim(uint64_t id);

  CURLM* multi_ = nullptr;

  // Shared with the threads that submit and cancel.
  mutable std::mutex mutex_;
  std::vector<submission> queued_;
  std::vector<uint64_t> cancelled_;
  // Ids that still owe their submitter a reply. Whoever erases an id (a
  // completion, a cancel, the shutdown) decides whether a reply is sent, so
  // a cancelled request never gets one.
  std::unordered_set<uint64_t> live_;
  uint64_t next_id_ = 1;
  bool stopping_ = false;

  // Touched by the loop thread only; the handles outlive the transfers.
  easy_handle_pool handles_;
  std::unordered_map<uint64_t, std::unique_ptr<curl_transfer>> active_;

  std::thread loop_;
};

http_transport::impl::impl() {
  init_curl_once();
  multi_ = curl_multi_init();
  if (multi_ == nullptr)
    throw std::bad_alloc{}; // curl_multi_init fails only when out of memory
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, max_host_connections);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, max_cached_connections);
  loop_ = std::thread([this] { run(); });
}

http_transport::impl::~impl() {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    stopping_ = true;
  }
  curl_multi_wakeup(multi_);
  loop_.join();
  curl_multi_cleanup(multi_);
}

uint64_t http_transport::impl::submit(http_request request,
                                      caf::strong_actor_ptr reply_to) {
  uint64_t id = 0;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    id = next_id_++;
    live_.insert(id);
    queued_.push_back(
        {id, std::move(request), std::move(reply_to), curl_transfer::clock::now()});
  }
  curl_multi_wakeup(multi_);
  return id;
}

void http_transport::impl::cancel(uint64_t id) {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (live_.erase(id) == 0)
      return;
    cancelled_.push_back(id);
  }
  curl_multi_wakeup(multi_);
}

std::size_t http_transport::impl::in_flight() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return live_.size();
}

void http_transport::impl::run() {
  std::vector<submission> incoming;
  std::vector<uint64_t> cancelled;
  while (take_work(incoming, cancelled)) {
    for (auto& work : incoming)
      start(std::move(work));
    for (auto id : cancelled)
      drop(id);
    incoming.clear();
    cancelled.clear();
    int running = 0;
    curl_multi_perform(multi_, &running);
    collect_finished();
    // Returns early on socket activity, curl's own timers or a wakeup.
    curl_multi_poll(multi_, nullptr, 0, idle_poll_ms, nullptr);
  }
  stop_all();
}

bool http_transport::impl::take_work(std::vector<submission>& incoming,
                                     std::vector<uint64_t>& cancelled) {
  std::lock_guard<std::mutex> guard{mutex_};
  if (stopping_)
    return false;
  for (auto& work : queued_)
    if (live_.count(work.id) > 0)
      incoming.push_back(std::move(work));
  queued_.clear();
  cancelled.swap(cancelled_);
  return true;
}

void http_transport::impl::start(submission work) {
  auto transfer =
      std::make_unique<curl_transfer>(work.id, std::move(work.request),
                                      std::move(work.reply_to), work.submitted, handles_);
  if (transfer->easy() == nullptr ||
      curl_multi_add_handle(multi_, transfer->easy()) != CURLM_OK) {
    if (claim(work.id))
      transfer->deliver(transfer->fail(http_failure::other, "could not start request"));
    return;
  }
  active_.emplace(work.id, std::move(transfer));
}

void http_transport::impl::drop(uint64_t id) {
  auto i = active_.find(id);
  if (i == active_.end())
    return;
  curl_multi_remove_handle(multi_, i->second->easy());
  active_.erase(i);
}

void http_transport::impl::collect_finished() {
  int remaining = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &remaining)) {
    if (message->msg != CURLMSG_DONE)
      continue;
    // `message` dies with the handle's removal: read it first.
    CURL* easy = message->easy_handle;
    CURLcode result = message->data.result;
    curl_transfer* transfer = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
    curl_multi_remove_handle(multi_, easy);
    auto node = active_.extract(transfer->id());
    if (claim(transfer->id()))
      transfer->deliver(transfer->finish(result));
  }
}

void http_transport::impl::stop_all() {
  for (auto& [id, transfer] : active_) {
    curl_multi_remove_handle(multi_, transfer->easy());
    if (claim(id))
      transfer->deliver(transfer->fail(http_failure::other, "transport stopped"));
  }
  active_.clear();
  std::vector<submission> never_started;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    never_started.swap(queued_);
  }
  for (auto& work : never_started) {
    curl_transfer transfer{work.id, std::move(work.request), std::move(work.reply_to),
                           work.submitted, handles_};
    if (claim(work.id))
      transfer.deliver(transfer.fail(http_failure::other, "transport stopped"));
  }
}

bool http_transport::impl::claim(uint64_t id) {
  std::lock_guard<std::mutex> guard{mutex_};
  return live_.erase(id) > 0;
}

http_transport::http_transport() : impl_(std::make_unique<impl>()) {}

http_transport::~http_transport() {
  // The loop thread drops its references to the actors it answered; when
  // one was an actor's last, the actor is cleaned up right there, and may
  // hold the last reference to this transport. A thread cannot join itself,
  // so the loop is stopped and joined from a short-lived thread instead.
  if (impl_ && impl_->on_loop_thread())
    std::thread([doomed = std::move(impl_)]() mutable { doomed.reset(); }).detach();
}

uint64_t http_transport::submit(http_request request, caf::strong_actor_ptr reply_to) {
  return impl_->submit(std::move(request), std::move(reply_to));
}

void http_transport::cancel(uint64_t request_id) {
  impl_->cancel(request_id);
}

std::size_t http_transport::in_flight() const {
  return impl_->in_flight();
}

} // namespace troupe

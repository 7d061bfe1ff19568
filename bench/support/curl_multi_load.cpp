#include "bench/support/curl_multi_load.hpp"

#include "bench/support/trivial_actors.hpp"

#include <curl/curl.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace troupe::bench {

namespace {

constexpr int poll_ms = 1000;
// The transport's own cap (http_transport.cpp): with it, 256 calls in flight
// share 64 connections on both sides, and only the layers above curl differ.
constexpr long max_host_connections = 64;

/// One easy handle with the request set on it and where its answer goes.
struct slot {
  CURL* easy = nullptr;
  std::string body; // the answer, read like the transport reads it
  int64_t sent_ns = 0;
};

std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* to) {
  static_cast<slot*>(to)->body.append(data, size * count);
  return size * count;
}

curl_slist* header_list(const http_request& request) {
  curl_slist* list = curl_slist_append(nullptr, "Expect:");
  for (const auto& [name, value] : request.headers)
    list = curl_slist_append(list, (name + ": " + value).c_str());
  return list;
}

void configure(slot& s, const http_request& request, curl_slist* headers) {
  s.easy = curl_easy_init();
  if (s.easy == nullptr)
    throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(s.easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(s.easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(s.easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(s.easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(request.timeout.count()));
  curl_easy_setopt(s.easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(s.easy, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(s.easy, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(s.easy, CURLOPT_WRITEFUNCTION, &keep_body);
  curl_easy_setopt(s.easy, CURLOPT_WRITEDATA, &s);
  curl_easy_setopt(s.easy, CURLOPT_PRIVATE, &s);
}

void launch(CURLM* multi, slot& s) {
  s.body.clear();
  s.sent_ns = now_ns();
  curl_multi_add_handle(multi, s.easy);
}

/// Records every finished transfer and relaunches its handle while calls
/// remain to be sent; returns how many finished.
std::size_t collect(CURLM* multi, load_sample& sample, std::size_t& unsent) {
  std::size_t finished = 0;
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
    if (message->msg != CURLMSG_DONE)
      continue;
    CURL* easy = message->easy_handle;
    bool ok = message->data.result == CURLE_OK;
    slot* s = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &s);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(multi, easy);
    if (ok && status == 200)
      sample.latencies_ns.push_back(now_ns() - s->sent_ns);
    else
      ++sample.failures;
    ++finished;
    if (unsent > 0) {
      --unsent;
      launch(multi, *s);
    }
  }
  return finished;
}

} // namespace

load_sample curl_multi_load(const http_request& request, std::size_t calls,
                            std::size_t concurrency) {
  // Not thread-safe in every curl build: run once, whatever calls first.
  static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
  static_cast<void>(initialised);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers{
      header_list(request), &curl_slist_free_all};
  std::vector<slot> slots(std::min(calls, concurrency));
  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max_host_connections);
  load_sample sample;
  sample.calls = calls;
  sample.latencies_ns.reserve(calls);
  auto start = now_ns();
  std::size_t unsent = calls - slots.size();
  for (auto& s : slots) {
    configure(s, request, headers.get());
    launch(multi, s);
  }
  for (std::size_t done = 0; done < calls;) {
    int running = 0;
    curl_multi_perform(multi, &running);
    done += collect(multi, sample, unsent);
    if (done < calls)
      curl_multi_poll(multi, nullptr, 0, poll_ms, nullptr);
  }
  sample.wall = std::chrono::nanoseconds{now_ns() - start};
  for (auto& s : slots)
    curl_easy_cleanup(s.easy);
  curl_multi_cleanup(multi);
  return sample;
}

} // namespace troupe::bench

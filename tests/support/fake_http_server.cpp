#include "tests/support/fake_http_server.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <fcntl.h>
#include <linux/sockios.h>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace troupe::test {

namespace {

using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

constexpr std::size_t max_head_bytes = 64 * 1024;
// More than the body actually sent, so the client sees the connection close
// before the announced length arrived.
constexpr std::size_t truncated_extra_bytes = 64;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos)
    return {};
  auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

enum class wait_result { ready, timed_out, stopped };

// Waits for `events` on `fd` (none when fd < 0) until `deadline`, giving up
// as soon as the server's stop pipe says it is shutting down.
wait_result wait_for(int fd, short events, int stop_fd,
                     std::optional<steady::time_point> deadline) {
  for (;;) {
    int timeout_ms = -1;
    if (deadline) {
      auto left = std::chrono::ceil<milliseconds>(*deadline - steady::now());
      timeout_ms = static_cast<int>(std::max<milliseconds::rep>(0, left.count()));
    }
    pollfd fds[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    int ready = ::poll(fds, 2, timeout_ms);
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready < 0 || fds[1].revents != 0)
      return wait_result::stopped;
    if (ready > 0)
      return wait_result::ready;
    if (deadline && steady::now() >= *deadline)
      return wait_result::timed_out;
  }
}

// False when the server stopped during the pause.
bool pause(int stop_fd, milliseconds duration) {
  return wait_for(-1, 0, stop_fd, steady::now() + duration) == wait_result::timed_out;
}

void wait_until_stopped(int stop_fd) {
  wait_for(-1, 0, stop_fd, std::nullopt);
}

// Appends what the peer sent; false on end of stream, error or stop.
bool receive_more(int fd, int stop_fd, std::string& buffer) {
  for (;;) {
    if (wait_for(fd, POLLIN, stop_fd, std::nullopt) != wait_result::ready)
      return false;
    char chunk[16 * 1024];
    auto got = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (got > 0) {
      buffer.append(chunk, static_cast<std::size_t>(got));
      return true;
    }
    if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
      return false;
  }
}

// MSG_NOSIGNAL: a client that hung up must not kill the test process.
bool send_all(int fd, int stop_fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    if (wait_for(fd, POLLOUT, stop_fd, std::nullopt) != wait_result::ready)
      return false;
    auto n =
        ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0)
      sent += static_cast<std::size_t>(n);
    else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      return false;
  }
  return true;
}

std::optional<std::size_t> parse_size(const std::string& text) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

// Fills method, path and headers from the request head; false if malformed.
bool parse_head(const std::string& head, recorded_request& request) {
  auto line_end = head.find("\r\n");
  auto request_line = head.substr(0, line_end);
  auto first_space = request_line.find(' ');
  auto second_space = request_line.find(' ', first_space + 1);
  if (first_space == std::string::npos || second_space == std::string::npos)
    return false;
  request.method = request_line.substr(0, first_space);
  request.path = request_line.substr(first_space + 1, second_space - first_space - 1);
  while (line_end != std::string::npos) {
    auto start = line_end + 2;
    line_end = head.find("\r\n", start);
    auto line = head.substr(start, line_end == std::string::npos ? std::string::npos
                                                                 : line_end - start);
    auto colon = line.find(':');
    if (colon != std::string::npos)
      request.headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return true;
}

// Reads one request (head and Content-Length body) from `fd`; bytes past it
// stay in `buffer` for the next request on the connection.
std::optional<recorded_request> read_request(int fd, int stop_fd, std::string& buffer) {
  std::size_t head_end = 0;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos)
    if (buffer.size() > max_head_bytes || !receive_more(fd, stop_fd, buffer))
      return std::nullopt;
  recorded_request request;
  if (!parse_head(buffer.substr(0, head_end), request))
    return std::nullopt;
  buffer.erase(0, head_end + 4);
  if (lower(request.header("expect")) == "100-continue" &&
      !send_all(fd, stop_fd, "HTTP/1.1 100 Continue\r\n\r\n"))
    return std::nullopt;
  // Only Content-Length bodies: a chunked one would be misread as the next
  // request, so such a connection is dropped instead.
  auto declared = request.header("content-length");
  auto length = parse_size(declared.empty() ? "0" : declared);
  if (!length || !request.header("transfer-encoding").empty())
    return std::nullopt;
  while (buffer.size() < *length)
    if (!receive_more(fd, stop_fd, buffer))
      return std::nullopt;
  request.body = buffer.substr(0, *length);
  buffer.erase(0, *length);
  return request;
}

std::string reason_phrase(int status) {
  static const std::map<int, std::string> phrases = {
      {200, "OK"},
      {201, "Created"},
      {204, "No Content"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {408, "Request Timeout"},
      {413, "Payload Too Large"},
      {422, "Unprocessable Entity"},
      {429, "Too Many Requests"},
      {500, "Internal Server Error"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
      {529, "Overloaded"},
  };
  auto i = phrases.find(status);
  return i != phrases.end() ? i->second : "Status";
}

bool asks_to_close(const std::vector<std::pair<std::string, std::string>>& headers) {
  return std::any_of(headers.begin(), headers.end(), [](const auto& header) {
    return lower(header.first) == "connection" && lower(header.second) == "close";
  });
}

std::string status_line(const fake_reply& reply) {
  return "HTTP/1.1 " + std::to_string(reply.status) + " " + reason_phrase(reply.status) +
         "\r\n";
}

std::string response_head(const fake_reply& reply, std::size_t content_length,
                          bool keep_alive) {
  auto head = status_line(reply);
  if (!reply.content_type.empty())
    head += "Content-Type: " + reply.content_type + "\r\n";
  head += "Content-Length: " + std::to_string(content_length) + "\r\n";
  for (const auto& [name, value] : reply.headers)
    head += name + ": " + value + "\r\n";
  if (!keep_alive && !asks_to_close(reply.headers))
    head += "Connection: close\r\n";
  return head + "\r\n";
}

// Waits (briefly) until the peer acknowledged everything sent, so an RST
// that follows cannot overtake it and discard it.
void wait_until_delivered(int fd, int stop_fd) {
  auto deadline = steady::now() + milliseconds{1000};
  int unacknowledged = 0;
  while (::ioctl(fd, SIOCOUTQ, &unacknowledged) == 0 && unacknowledged > 0 &&
         steady::now() < deadline && pause(stop_fd, milliseconds{1})) {
  }
}

// The status line goes out first: a client that saw no byte at all on a
// reused connection retries on a fresh one (curl does), which would make the
// reset depend on which connection the request happened to use.
void reset(int fd, int stop_fd, const fake_reply& reply) {
  send_all(fd, stop_fd, status_line(reply));
  wait_until_delivered(fd, stop_fd);
  linger abort_on_close{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
}

bool trickle(int fd, int stop_fd, const fake_reply& reply) {
  for (char byte : reply.body)
    if (!pause(stop_fd, reply.trickle_gap) ||
        !send_all(fd, stop_fd, std::string(1, byte)))
      return false;
  return true;
}

// The head of a body without end: no Content-Length, so that the client
// reads until the connection closes or, chunked, until a last chunk.
std::string endless_head(const fake_reply& reply, bool chunked) {
  auto head = status_line(reply);
  if (!reply.content_type.empty())
    head += "Content-Type: " + reply.content_type + "\r\n";
  for (const auto& [name, value] : reply.headers)
    head += name + ": " + value + "\r\n";
  head += chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n";
  return head + "\r\n";
}

// Sends the body again and again until the client hangs up or the server
// stops; never ends the response.
void stream_forever(int fd, int stop_fd, const fake_reply& reply, bool chunked) {
  std::ostringstream chunk_size;
  chunk_size << std::hex << reply.body.size();
  auto piece = chunked ? chunk_size.str() + "\r\n" + reply.body + "\r\n" : reply.body;
  if (piece.empty() || !send_all(fd, stop_fd, endless_head(reply, chunked)))
    return;
  while (send_all(fd, stop_fd, piece) && pause(stop_fd, reply.trickle_gap)) {
  }
}

// Sends `reply`; true when the connection may carry another request.
bool answer(int fd, int stop_fd, const fake_reply& reply, bool keep_alive) {
  if (reply.delay.count() > 0 && !pause(stop_fd, reply.delay))
    return false;
  keep_alive = keep_alive && !asks_to_close(reply.headers);
  const auto& body = reply.body;
  switch (reply.fault) {
  case fake_reply::fault::none:
    return send_all(fd, stop_fd, response_head(reply, body.size(), keep_alive) + body) &&
           keep_alive;
  case fake_reply::fault::hang:
    wait_until_stopped(stop_fd);
    return false;
  case fake_reply::fault::reset:
    reset(fd, stop_fd, reply);
    return false;
  case fake_reply::fault::truncated:
    send_all(fd, stop_fd,
             response_head(reply, body.size() + truncated_extra_bytes, true) + body);
    return false;
  case fake_reply::fault::trickle:
    return send_all(fd, stop_fd, response_head(reply, body.size(), keep_alive)) &&
           trickle(fd, stop_fd, reply) && keep_alive;
  case fake_reply::fault::garbage:
    send_all(fd, stop_fd, std::string("\x16\x03\x01 this is not HTTP at all\r\n\r\n"));
    return false;
  case fake_reply::fault::endless:
  case fake_reply::fault::endless_chunked:
    stream_forever(fd, stop_fd, reply, reply.fault == fake_reply::fault::endless_chunked);
    return false;
  }
  return false;
}

bool wants_keep_alive(const recorded_request& request) {
  return lower(request.header("connection")) != "close";
}

bool accept_may_succeed_now(int error) {
  return error == EAGAIN || error == EWOULDBLOCK || error == EINTR ||
         error == ECONNABORTED;
}

int open_listener(uint16_t& port) {
  // Non-blocking: a client that gives up between poll() and accept() must
  // not leave the acceptor stuck where the destructor cannot wake it.
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0)
    throw std::runtime_error("fake_http_server: socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(fd, SOMAXCONN) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(fd);
    throw std::runtime_error("fake_http_server: cannot listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return fd;
}

} // namespace

std::string recorded_request::header(const std::string& name) const {
  auto i = headers.find(lower(name));
  return i != headers.end() ? i->second : std::string{};
}

fake_reply fake_reply::json(std::string body, int status) {
  fake_reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

fake_reply fake_reply::failing(enum fault kind) {
  fake_reply reply;
  reply.fault = kind;
  return reply;
}

struct fake_http_server::impl {
  impl();
  ~impl();

  void accept_loop();
  void serve(int fd);
  void record(const recorded_request& request);
  fake_reply next_reply(const recorded_request& request);

  uint16_t port = 0;
  int listen_fd = -1;
  // Closing the write end wakes every thread of the server at once: they all
  // poll the read end, which then reports a hang-up.
  int stop_read = -1;
  int stop_write = -1;

  mutable std::mutex mutex;
  mutable std::condition_variable arrived;
  std::deque<fake_reply> script;
  responder fallback = [](const recorded_request&) { return fake_reply::json("{}"); };
  std::vector<recorded_request> seen;
  std::vector<std::thread> connections; // only the acceptor adds to it
  std::atomic<std::size_t> accepted{0};

  std::thread acceptor;
};

fake_http_server::impl::impl() {
  listen_fd = open_listener(port);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    ::close(listen_fd);
    throw std::runtime_error("fake_http_server: pipe2() failed");
  }
  stop_read = pipe_fds[0];
  stop_write = pipe_fds[1];
  acceptor = std::thread([this] { accept_loop(); });
}

fake_http_server::impl::~impl() {
  ::close(stop_write);
  acceptor.join();
  for (auto& connection : connections)
    connection.join();
  ::close(listen_fd);
  ::close(stop_read);
}

void fake_http_server::impl::accept_loop() {
  while (wait_for(listen_fd, POLLIN, stop_read, std::nullopt) == wait_result::ready) {
    int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of descriptors, say: let connections finish before trying again.
      if (!accept_may_succeed_now(errno) && !pause(stop_read, milliseconds{10}))
        return;
      continue;
    }
    // Replies go out in small writes (trickle); Nagle would delay them.
    int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    ++accepted;
    connections.emplace_back([this, fd] { serve(fd); });
  }
}

void fake_http_server::impl::serve(int fd) {
  std::string buffer;
  while (auto request = read_request(fd, stop_read, buffer)) {
    record(*request);
    if (!answer(fd, stop_read, next_reply(*request), wants_keep_alive(*request)))
      break;
  }
  ::close(fd);
}

void fake_http_server::impl::record(const recorded_request& request) {
  {
    std::lock_guard<std::mutex> guard{mutex};
    seen.push_back(request);
  }
  arrived.notify_all();
}

fake_reply fake_http_server::impl::next_reply(const recorded_request& request) {
  responder respond;
  {
    std::lock_guard<std::mutex> guard{mutex};
    if (!script.empty()) {
      auto reply = std::move(script.front());
      script.pop_front();
      return reply;
    }
    respond = fallback;
  }
  return respond(request);
}

fake_http_server::fake_http_server() : impl_(std::make_unique<impl>()) {}

fake_http_server::~fake_http_server() = default;

uint16_t fake_http_server::port() const {
  return impl_->port;
}

std::string fake_http_server::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}

void fake_http_server::push(fake_reply reply) {
  std::lock_guard<std::mutex> guard{impl_->mutex};
  impl_->script.push_back(std::move(reply));
}

void fake_http_server::set_default(responder respond) {
  std::lock_guard<std::mutex> guard{impl_->mutex};
  impl_->fallback = std::move(respond);
}

std::size_t fake_http_server::pending_replies() const {
  std::lock_guard<std::mutex> guard{impl_->mutex};
  return impl_->script.size();
}

std::vector<recorded_request> fake_http_server::requests() const {
  std::lock_guard<std::mutex> guard{impl_->mutex};
  return impl_->seen;
}

std::size_t fake_http_server::request_count() const {
  std::lock_guard<std::mutex> guard{impl_->mutex};
  return impl_->seen.size();
}

bool fake_http_server::wait_for_requests(std::size_t count,
                                         std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock{impl_->mutex};
  return impl_->arrived.wait_for(lock, timeout,
                                 [&] { return impl_->seen.size() >= count; });
}

std::size_t fake_http_server::connections_accepted() const {
  return impl_->accepted;
}

} // namespace troupe::test

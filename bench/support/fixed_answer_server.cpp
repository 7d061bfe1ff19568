#include "bench/support/fixed_answer_server.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdexcept>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace troupe::bench {

namespace {

constexpr int max_events = 256;
constexpr std::size_t read_chunk = 64 * 1024;

int listen_on_loopback(uint16_t& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(fd, SOMAXCONN) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    throw std::runtime_error("fixed_answer_server: cannot listen on 127.0.0.1");
  port = ntohs(address.sin_port);
  return fd;
}

void watch(int epoll_fd, int fd, uint32_t events, int op = EPOLL_CTL_ADD) {
  epoll_event event{};
  event.events = events;
  event.data.fd = fd;
  ::epoll_ctl(epoll_fd, op, fd, &event);
}

/// The Content-Length of the head in text[begin, end); 0 when absent.
std::size_t content_length(const std::string& text, std::size_t begin, std::size_t end) {
  static const char name[] = "content-length:";
  for (auto line = text.find("\r\n", begin); line < end;
       line = text.find("\r\n", line + 2))
    if (::strncasecmp(text.data() + line + 2, name, sizeof name - 1) == 0)
      return std::stoul(text.substr(line + 2 + sizeof name - 1, 20));
  return 0;
}

/// Removes the whole requests at the front of `in` and says how many there
/// were; a partial one stays for the next read.
std::size_t take_requests(std::string& in) {
  std::size_t taken = 0;
  std::size_t start = 0;
  for (;;) {
    auto head_end = in.find("\r\n\r\n", start);
    if (head_end == std::string::npos)
      break;
    auto end = head_end + 4 + content_length(in, start, head_end);
    if (end > in.size())
      break;
    start = end;
    ++taken;
  }
  in.erase(0, start);
  return taken;
}

} // namespace

fixed_answer_server::fixed_answer_server(const std::string& body)
    : reply_("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body) {
  listen_fd_ = listen_on_loopback(port_);
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  stop_fd_ = ::eventfd(0, EFD_CLOEXEC);
  watch(epoll_fd_, listen_fd_, EPOLLIN);
  watch(epoll_fd_, stop_fd_, EPOLLIN);
  loop_ = std::thread([this] { serve(); });
}

fixed_answer_server::~fixed_answer_server() {
  uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(stop_fd_, &one, sizeof one);
  loop_.join();
  for (auto& [fd, c] : connections_)
    ::close(fd);
  ::close(stop_fd_);
  ::close(epoll_fd_);
  ::close(listen_fd_);
}

std::string fixed_answer_server::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}

void fixed_answer_server::serve() {
  // Named so that a profile tells the server's time from the client's.
  ::pthread_setname_np(::pthread_self(), "bench.server");
  epoll_event events[max_events];
  for (;;) {
    int ready = ::epoll_wait(epoll_fd_, events, max_events, -1);
    if (ready < 0 && errno != EINTR)
      return;
    for (int i = 0; i < ready; ++i) {
      int fd = events[i].data.fd;
      if (fd == stop_fd_)
        return;
      if (fd == listen_fd_) {
        accept_all();
        continue;
      }
      auto& c = connections_[fd];
      bool open = (events[i].events & EPOLLOUT) == 0 || flush(fd, c);
      if (open && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0)
        open = on_readable(fd, c);
      if (!open)
        close_connection(fd);
    }
  }
}

void fixed_answer_server::accept_all() {
  for (;;) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
      return;
    // Replies are small single writes: Nagle would only delay them.
    int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    connections_[fd] = {};
    watch(epoll_fd_, fd, EPOLLIN);
    ++accepted_;
  }
}

bool fixed_answer_server::on_readable(int fd, connection& c) {
  char chunk[read_chunk];
  for (;;) {
    auto got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got > 0) {
      c.in.append(chunk, static_cast<std::size_t>(got));
      continue;
    }
    if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
      return false;
    if (errno != EINTR)
      break;
  }
  auto requests = take_requests(c.in);
  for (std::size_t i = 0; i < requests; ++i)
    c.out += reply_;
  served_ += requests;
  return c.out.empty() || flush(fd, c);
}

bool fixed_answer_server::flush(int fd, connection& c) {
  auto sent = ::send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
  if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
    return false;
  c.out.erase(0, sent < 0 ? 0 : static_cast<std::size_t>(sent));
  bool waiting = !c.out.empty();
  if (waiting != c.waiting_to_write)
    watch(epoll_fd_, fd, waiting ? EPOLLIN | EPOLLOUT : EPOLLIN, EPOLL_CTL_MOD);
  c.waiting_to_write = waiting;
  return true;
}

void fixed_answer_server::close_connection(int fd) {
  ::close(fd); // also takes it out of the epoll set
  connections_.erase(fd);
}

} // namespace troupe::bench

#pragma once

// A fast OpenAI-compatible endpoint on 127.0.0.1 for the HTTP benchmark:
// every request gets the same chat completion at once. One thread serves
// every connection through epoll, with keep-alive, so that hundreds of
// connections cost no threads and the server stays cheap next to what it
// measures. Nothing is scripted or recorded: tests use fake_http_server.

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_map>

namespace troupe::bench {

class fixed_answer_server {
public:
  /// Listens on an ephemeral port and starts serving before returning.
  /// `body` is the JSON every request is answered with.
  explicit fixed_answer_server(const std::string& body);

  /// Closes every connection and joins the serving thread.
  ~fixed_answer_server();

  fixed_answer_server(const fixed_answer_server&) = delete;
  fixed_answer_server& operator=(const fixed_answer_server&) = delete;

  /// "http://127.0.0.1:PORT/v1", the base URL an OpenAI provider takes.
  std::string base_url() const;

  uint64_t requests_served() const { return served_; }
  uint64_t connections_accepted() const { return accepted_; }

private:
  struct connection {
    std::string in;  // bytes received, not yet a whole request
    std::string out; // replies not yet taken by the socket
    bool waiting_to_write = false;
  };

  void serve();
  void accept_all();
  bool on_readable(int fd, connection& c);
  bool flush(int fd, connection& c);
  void close_connection(int fd);

  std::string reply_; // status line, headers and body, sent as it is
  uint16_t port_ = 0;
  int listen_fd_ = -1;
  int epoll_fd_ = -1;
  int stop_fd_ = -1; // an eventfd: written once to stop the loop
  std::atomic<uint64_t> served_{0};
  std::atomic<uint64_t> accepted_{0};
  std::unordered_map<int, connection> connections_; // the loop thread's only
  std::thread loop_;
};

} // namespace troupe::bench

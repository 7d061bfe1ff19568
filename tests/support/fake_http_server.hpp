#pragma once

// A scriptable HTTP/1.1 server on 127.0.0.1 for tests that fake OpenAI or
// Anthropic: push the replies a test wants, in order, then point a provider
// at base_url(). Every request is recorded. Replies can misbehave (hang,
// reset, truncate, trickle, garbage, stream forever) to exercise the
// transport's failures.
// Connections are kept alive, several requests each, one thread each.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace troupe::test {

struct recorded_request {
  std::string method;
  std::string path;                           // with the query string, as sent
  std::map<std::string, std::string> headers; // names in lower case
  std::string body;

  /// The value of header `name` (any case), empty when absent.
  std::string header(const std::string& name) const;
};

struct fake_reply {
  enum class fault {
    none,
    hang,            // read the request, never answer (until the server stops)
    reset,           // send the status line, then close with an RST
    truncated,       // announce more body than is sent, then close
    trickle,         // send the body one byte per trickle_gap
    garbage,         // send bytes that are not HTTP, then close
    endless,         // send the head, then the body again every trickle_gap, forever
    endless_chunked, // the same in chunks of Transfer-Encoding: chunked
  };

  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers; // e.g. {"Retry-After", "1"}
  std::string body;
  std::string content_type = "application/json"; // no header when empty
  enum fault fault = fault::none;
  std::chrono::milliseconds delay{0};        // before sending anything
  std::chrono::milliseconds trickle_gap{20}; // between bytes (trickle) or bodies

  /// A reply with `status` and `body` (JSON unless content_type is changed).
  static fake_reply json(std::string body, int status = 200);

  /// A reply that misbehaves as `kind` says.
  static fake_reply failing(enum fault kind);
};

class fake_http_server {
public:
  using responder = std::function<fake_reply(const recorded_request&)>;

  /// Listens on 127.0.0.1 at an ephemeral port before returning.
  fake_http_server();

  /// Closes every connection (hanging ones too) and joins all threads.
  ~fake_http_server();

  fake_http_server(const fake_http_server&) = delete;
  fake_http_server& operator=(const fake_http_server&) = delete;

  uint16_t port() const;

  /// "http://127.0.0.1:PORT", no trailing slash.
  std::string base_url() const;

  /// Queues a scripted reply; each request takes the oldest one.
  void push(fake_reply reply);

  /// Answers requests when the script is empty; the default answers 200 "{}".
  /// Called on a connection thread, without the server's lock held.
  void set_default(responder respond);

  /// Scripted replies not used yet.
  std::size_t pending_replies() const;

  /// Every request read completely so far, in arrival order.
  std::vector<recorded_request> requests() const;
  std::size_t request_count() const;

  /// Waits until `count` requests have arrived; false when `timeout` passed.
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const;

  /// TCP connections accepted so far: few for many requests means keep-alive.
  std::size_t connections_accepted() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace troupe::test

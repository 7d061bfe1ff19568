#pragma once

// The process's one HTTP client: a curl multi event loop on its own thread.
//   provider actor --submit(request, actor)--> transport thread
//   provider actor <----- http_response -----  (a CAF message, request_id set)
// Connections are reused across requests to the same host; TLS peers are
// verified. No actor thread ever waits on the network: submit() only queues.

#include "runtime/http/http_request.hpp"
#include "runtime/messages/http_response.hpp"

#include <caf/actor_addr.hpp>
#include <caf/actor_control_block.hpp>
#include <cstdint>
#include <memory>

namespace troupe {

class http_transport {
public:
  /// Starts the event loop thread.
  http_transport();

  /// Cancels what is still in flight (each gets an http_response with
  /// failure `other`, error "transport stopped") and joins the thread.
  ~http_transport();

  http_transport(const http_transport&) = delete;
  http_transport& operator=(const http_transport&) = delete;

  /// Queues `request`; when it completes or fails, `reply_to` receives an
  /// http_response whose request_id is the returned id. Thread-safe.
  uint64_t submit(http_request request, caf::strong_actor_ptr reply_to);

  /// Drops the request with that id if it is still in flight: no reply is
  /// sent for it. Thread-safe; unknown ids are ignored.
  void cancel(uint64_t request_id);

  /// Requests queued or in flight right now.
  std::size_t in_flight() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace troupe

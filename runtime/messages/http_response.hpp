#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <map>
#include <string>

namespace troupe {

/// What the transport could not do; `none` when an HTTP status arrived.
enum class http_failure : uint8_t {
  none,
  timeout,         // the request's timeout passed
  connect_failed,  // DNS, refused, unreachable, TLS handshake
  connection_lost, // reset or closed before the response was complete
  too_large,       // the body or the header section passed its cap
  other,           // any other transport error; `error` says which
};

std::string to_string(http_failure f);

/// The transport's answer to one http_request, sent to the actor that asked
/// as a message. `request_id` is the id `http_transport::submit` returned.
struct http_response {
  uint64_t request_id = 0;
  http_failure failure = http_failure::none;
  int32_t status = 0;                         // HTTP status; 0 when failure != none
  std::map<std::string, std::string> headers; // names in lower case
  std::string body;
  std::string error; // transport error text, empty when failure == none
  int64_t elapsed_us = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, http_response& x) {
  return f(caf::meta::type_name("http_response"), x.request_id, x.failure, x.status,
           x.headers, x.body, x.error, x.elapsed_us);
}

} // namespace troupe

#include "runtime/model/attempt_outcome.hpp"

namespace troupe {

std::string to_string(attempt_outcome x) {
  switch (x) {
  case attempt_outcome::ok:
    return "ok";
  case attempt_outcome::rate_limited:
    return "rate_limited";
  case attempt_outcome::server_error:
    return "server_error";
  case attempt_outcome::timeout:
    return "timeout";
  case attempt_outcome::connection_failed:
    return "connection_failed";
  case attempt_outcome::malformed:
    return "malformed";
  case attempt_outcome::context_length:
    return "context_length";
  case attempt_outcome::auth_failed:
    return "auth_failed";
  case attempt_outcome::bad_request:
    return "bad_request";
  case attempt_outcome::refused:
    return "refused";
  }
  return "unknown";
}

bool is_retryable(attempt_outcome x) {
  switch (x) {
  case attempt_outcome::rate_limited:
  case attempt_outcome::server_error:
  case attempt_outcome::timeout:
  case attempt_outcome::connection_failed:
  case attempt_outcome::malformed:
    return true;
  default:
    return false;
  }
}

bool allows_failover(attempt_outcome x) {
  // A bad request is the caller's fault: another target would refuse it too.
  return x != attempt_outcome::ok && x != attempt_outcome::bad_request;
}

} // namespace troupe

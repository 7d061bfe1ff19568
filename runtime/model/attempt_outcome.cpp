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
  case attempt_outcome::wrong_endpoint:
    return "wrong_endpoint";
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

bool is_target_fault(attempt_outcome x) {
  // A target that keeps sending pages instead of answers must be skipped like
  // one that keeps failing, although retrying it at once is pointless.
  return is_retryable(x) || x == attempt_outcome::wrong_endpoint;
}

} // namespace troupe

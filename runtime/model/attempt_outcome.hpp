#pragma once

#include <cstdint>
#include <string>

namespace troupe {

/// How one try of one target ended. The router decides from this alone what
/// to do next, so every provider maps its failures onto these classes.
enum class attempt_outcome : uint8_t {
  ok,
  rate_limited,      // 429: retry after Retry-After (or backoff), then next target
  server_error,      // 5xx: retry with backoff, then next target
  timeout,           // no complete answer in time: retry, then next target
  connection_failed, // refused, reset, DNS, TLS: retry, then next target
  malformed,         // unparsable or truncated body: retry, then next target
  wrong_endpoint,    // no API answer at all (an HTML page, a body or headers over
                     // the cap): next target; the same target would answer the same
  context_length,    // prompt too long: next target with a larger window
  auth_failed,       // 401/403: next target; the key is wrong, retrying won't help
  bad_request,       // other 4xx: fail with the provider's message
  refused,           // not sent: breaker open, budget or rate limit said no
};

std::string to_string(attempt_outcome x);

/// Worth trying the same target again after a delay.
bool is_retryable(attempt_outcome x);

/// Worth trying the next target of the route (after retries, if any).
bool allows_failover(attempt_outcome x);

/// The target itself misbehaved: counts towards opening its circuit breaker.
bool is_target_fault(attempt_outcome x);

} // namespace troupe

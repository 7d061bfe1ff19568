#pragma once

#include "runtime/model/attempt_outcome.hpp"

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// A provider's answer to one model_request: one attempt at one target.
/// Failures are values here, classified, so the router can retry, fail over
/// or give up without parsing error text.
struct attempt_result {
  attempt_outcome outcome = attempt_outcome::ok;
  std::string error;           // the provider's own message when not ok
  int64_t retry_after_ms = -1; // from Retry-After or rate-limit headers; -1 if none
  int32_t http_status = 0;
  std::string text;
  std::string response_model; // the model that answered, as the provider names it
  std::string finish_reason;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t latency_us = 0;
  // What the provider's rate-limit headers say is left; -1 when they don't.
  int64_t remaining_requests = -1;
  int64_t remaining_tokens = -1;
  int64_t limit_reset_ms = -1;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, attempt_result& x) {
  return f(caf::meta::type_name("attempt_result"), x.outcome, x.error, x.retry_after_ms,
           x.http_status, x.text, x.response_model, x.finish_reason, x.input_tokens,
           x.output_tokens, x.latency_us, x.remaining_requests, x.remaining_tokens,
           x.limit_reset_ms);
}

} // namespace troupe

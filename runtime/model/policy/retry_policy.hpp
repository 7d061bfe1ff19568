#pragma once

#include "runtime/model/attempt_outcome.hpp"
#include "runtime/model/config/policy_specs.hpp"
#include "runtime/model/policy/random_source.hpp"

#include <chrono>
#include <optional>

namespace troupe {

/// Whether and when to try the same target again: exponential backoff with
/// full jitter (a uniform delay in [0, min(max_delay, base * 2^retry))), and
/// a provider's Retry-After honoured when it asks for more. A Retry-After
/// longer than max_delay means "not this target now": no retry, fail over.
class retry_policy {
public:
  explicit retry_policy(retry_spec spec);

  /// The delay before the next try after `retries_done` retries ended in
  /// `outcome`, or nothing when the outcome is not retryable or the retries
  /// are used up.
  std::optional<std::chrono::milliseconds>
  next_delay(int retries_done, attempt_outcome outcome,
             std::optional<std::chrono::milliseconds> retry_after,
             random_source& rng) const;

  const retry_spec& spec() const noexcept { return spec_; }

private:
  retry_spec spec_;
};

} // namespace troupe

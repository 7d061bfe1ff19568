#include "runtime/model/policy/retry_policy.hpp"

#include <algorithm>

namespace troupe {

namespace {

using std::chrono::milliseconds;

/// min(max_delay, base * 2^retries_done), doubling step by step so that a
/// large retry count saturates instead of overflowing.
milliseconds backoff_cap(const retry_spec& spec, int retries_done) {
  auto cap = std::min(spec.base_delay, spec.max_delay);
  for (int i = 0; i < retries_done && cap < spec.max_delay; ++i)
    cap = std::min(cap * 2, spec.max_delay);
  return cap;
}

} // namespace

retry_policy::retry_policy(retry_spec spec) : spec_(spec) {}

std::optional<milliseconds>
retry_policy::next_delay(int retries_done, attempt_outcome outcome,
                         std::optional<milliseconds> retry_after,
                         random_source& rng) const {
  if (!is_retryable(outcome) || retries_done >= spec_.max_retries)
    return std::nullopt;
  // The provider wants a longer pause than we would ever wait: another
  // target serves the request sooner.
  if (retry_after && *retry_after > spec_.max_delay)
    return std::nullopt;
  auto cap = backoff_cap(spec_, retries_done);
  // Full jitter: u < 1, so the floor of u * cap stays below cap.
  milliseconds delay{static_cast<milliseconds::rep>(rng.uniform() * cap.count())};
  if (retry_after)
    delay = std::max(delay, *retry_after);
  return delay;
}

} // namespace troupe

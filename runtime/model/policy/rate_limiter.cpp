#include "runtime/model/policy/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace troupe {

namespace {

using std::chrono::milliseconds;
using fractional_ms = std::chrono::duration<double, std::milli>;

constexpr double ms_per_minute = 60000.0;

/// Whole milliseconds, rounded up so that the wait is long enough; the
/// slack keeps floating-point noise from turning 500 ms into 501.
milliseconds ceil_ms(double ms) {
  return milliseconds{static_cast<milliseconds::rep>(std::ceil(ms - 1e-6))};
}

} // namespace

rate_limiter::rate_limiter(int64_t requests_per_minute, int64_t tokens_per_minute,
                           time_point now)
    : requests_(full_bucket(requests_per_minute)),
      tokens_(full_bucket(tokens_per_minute)), last_(now) {}

std::chrono::milliseconds rate_limiter::wait_time(time_point now, int64_t tokens) {
  advance(now);
  auto amount = static_cast<double>(std::max<int64_t>(tokens, 0));
  return std::max(wait_for(requests_, 1, now), wait_for(tokens_, amount, now));
}

void rate_limiter::take(time_point now, int64_t tokens) {
  advance(now);
  drain(requests_, 1);
  drain(tokens_, static_cast<double>(std::max<int64_t>(tokens, 0)));
}

void rate_limiter::observe(time_point now, std::optional<int64_t> remaining_requests,
                           std::optional<int64_t> remaining_tokens,
                           std::optional<std::chrono::milliseconds> reset_after) {
  advance(now);
  apply_hint(requests_, now, remaining_requests, reset_after);
  apply_hint(tokens_, now, remaining_tokens, reset_after);
}

rate_limiter::bucket rate_limiter::full_bucket(int64_t per_minute) {
  auto capacity = static_cast<double>(std::max<int64_t>(per_minute, 0));
  return bucket{capacity, capacity, std::nullopt, {}};
}

void rate_limiter::advance(time_point now) {
  refill(requests_, now);
  refill(tokens_, now);
  last_ = std::max(last_, now);
}

void rate_limiter::refill(bucket& b, time_point now) const {
  if (b.provider_left && now >= b.provider_reset)
    b.provider_left.reset();
  // A `now` older than the last refill (callers racing with their clock
  // reads) adds nothing rather than draining the bucket.
  if (b.capacity > 0 && now > last_) {
    double elapsed = fractional_ms{now - last_}.count();
    b.level = std::min(b.capacity, b.level + elapsed * b.capacity / ms_per_minute);
  }
}

std::chrono::milliseconds rate_limiter::wait_for(const bucket& b, double amount,
                                                 time_point now) {
  milliseconds wait{0};
  if (b.capacity > 0) {
    // More than the capacity never fits; a full bucket is the best we can
    // offer, and the provider decides.
    double deficit = std::min(amount, b.capacity) - b.level;
    if (deficit > 0)
      wait = ceil_ms(deficit * ms_per_minute / b.capacity);
  }
  // refill() dropped an expired hint, so one still here is in force.
  if (b.provider_left && amount > *b.provider_left)
    wait = std::max(wait, ceil_ms(fractional_ms{b.provider_reset - now}.count()));
  return wait;
}

void rate_limiter::drain(bucket& b, double amount) {
  // The level may go negative (a request taken without waiting, or one
  // above the capacity): later requests then wait off the debt.
  if (b.capacity > 0)
    b.level -= amount;
  if (b.provider_left)
    *b.provider_left = std::max(0.0, *b.provider_left - amount);
}

void rate_limiter::apply_hint(bucket& b, time_point now, std::optional<int64_t> remaining,
                              std::optional<std::chrono::milliseconds> reset_after) {
  if (!remaining)
    return;
  auto left = static_cast<double>(std::max<int64_t>(*remaining, 0));
  if (b.capacity > 0)
    b.level = std::min(b.level, left);
  // With a reset time the provider's count is a hard cap until then, even
  // for a bucket we have no limit of our own for.
  if (reset_after) {
    b.provider_left = left;
    b.provider_reset = now + *reset_after;
  }
}

} // namespace troupe

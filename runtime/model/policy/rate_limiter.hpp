#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace troupe {

/// Requests-per-minute and tokens-per-minute token buckets of one target
/// (both refill continuously; 0 disables a bucket), corrected by the limits
/// the provider reports in its x-ratelimit-* headers.
class rate_limiter {
public:
  using time_point = std::chrono::steady_clock::time_point;

  rate_limiter(int64_t requests_per_minute, int64_t tokens_per_minute, time_point now);

  /// How long until one request of `tokens` fits: zero means it fits now.
  std::chrono::milliseconds wait_time(time_point now, int64_t tokens);

  /// Takes one request of `tokens` from the buckets; call when wait_time is 0.
  void take(time_point now, int64_t tokens);

  /// The provider's view: what is left and when it resets. A bucket never
  /// holds more than the provider says remains until that reset.
  void observe(time_point now, std::optional<int64_t> remaining_requests,
               std::optional<int64_t> remaining_tokens,
               std::optional<std::chrono::milliseconds> reset_after);

private:
  struct bucket {
    double capacity = 0; // the per-minute limit, refilled continuously; 0: none
    double level = 0;
    // What the provider said remains until `provider_reset`, less what we
    // took since; nothing when it said nothing or the reset has passed.
    std::optional<double> provider_left;
    time_point provider_reset{};
  };
  static bucket full_bucket(int64_t per_minute);
  void advance(time_point now);
  void refill(bucket& b, time_point now) const;
  static std::chrono::milliseconds wait_for(const bucket& b, double amount,
                                            time_point now);
  static void drain(bucket& b, double amount);
  static void apply_hint(bucket& b, time_point now, std::optional<int64_t> remaining,
                         std::optional<std::chrono::milliseconds> reset_after);

  bucket requests_;
  bucket tokens_;
  time_point last_; // when the buckets were last refilled
};

} // namespace troupe

#pragma once

// What providers say about their limits in response headers. Header names
// are lower case, as http_response holds them; times are read against `now`
// so that tests can fix the clock.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace troupe {

/// The provider's remaining limits, for the rate limiter's observe().
struct rate_limit_headers {
  std::optional<int64_t> remaining_requests;
  std::optional<int64_t> remaining_tokens;
  std::optional<std::chrono::milliseconds> reset_after; // of the requests limit
};

using header_map = std::map<std::string, std::string>;

/// OpenAI's x-ratelimit-remaining-requests / -tokens and
/// x-ratelimit-reset-requests, or Anthropic's
/// anthropic-ratelimit-requests-remaining / tokens-remaining and
/// anthropic-ratelimit-requests-reset (an RFC 3339 time). Absent or
/// unreadable headers stay empty.
rate_limit_headers read_rate_limit_headers(const header_map& headers,
                                           std::chrono::system_clock::time_point now);

/// The delay a response asks for: retry-after-ms, or Retry-After in seconds
/// (integer or decimal) or as an HTTP date. A date in the past is zero.
std::optional<std::chrono::milliseconds>
read_retry_after(const header_map& headers, std::chrono::system_clock::time_point now);

/// When OpenAI's exhausted limit resets, from x-ratelimit-reset-requests /
/// -tokens: a 429 without Retry-After still says how long to wait. The
/// longest reset of the limits at zero, else of all limits reported.
std::optional<std::chrono::milliseconds> read_limit_reset(const header_map& headers);

/// A Go-style duration as OpenAI writes resets: "1s", "6m0s", "250ms",
/// "1h2m3.5s"; a bare number is seconds.
std::optional<std::chrono::milliseconds> parse_reset_duration(std::string_view text);

} // namespace troupe

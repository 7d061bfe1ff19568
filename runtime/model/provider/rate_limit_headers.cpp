#include "runtime/model/provider/rate_limit_headers.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace troupe {

namespace {

using std::chrono::milliseconds;
using clock_time = std::chrono::system_clock::time_point;

/// Beyond any real delay; keeps the conversion to an integer defined.
constexpr double longest_ms = 1e12;

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return {};
  auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string_view header(const header_map& headers, const std::string& name) {
  auto i = headers.find(name);
  return i == headers.end() ? std::string_view{} : trim(i->second);
}

bool is_amount(double value) {
  return std::isfinite(value) && value >= 0;
}

/// Rounded up: waiting a little longer than asked is harmless, shorter is not.
milliseconds ceil_ms(double ms) {
  return milliseconds{
      static_cast<milliseconds::rep>(std::ceil(std::min(ms, longest_ms)))};
}

/// A non-negative decimal number that fills all of `text`.
std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  auto end = text.data() + text.size();
  auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || stop != end || !is_amount(value))
    return std::nullopt;
  return value;
}

std::optional<int64_t> parse_count(std::string_view text) {
  int64_t value = 0;
  auto end = text.data() + text.size();
  auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || stop != end || value < 0)
    return std::nullopt;
  return value;
}

std::optional<int64_t> first_count(const header_map& headers, const std::string& name,
                                   const std::string& alternative) {
  auto count = parse_count(header(headers, name));
  return count ? count : parse_count(header(headers, alternative));
}

milliseconds until(clock_time now, clock_time then) {
  if (then <= now)
    return milliseconds{0};
  return std::chrono::ceil<milliseconds>(then - now);
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// algorithm): std::chrono gains calendars only in C++20.
int64_t days_from_civil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year =
      (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::optional<clock_time> utc_time(int year, int month, int day, int hour, int minute,
                                   int second) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60)
    return std::nullopt;
  // system_clock counts nanoseconds in 64 bits, from 1677 to 2262: a year
  // outside would overflow it. Either end means the same to a wait (none, or
  // longer than any retry policy waits).
  year = std::clamp(year, 1970, 2200);
  auto seconds =
      days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return clock_time{std::chrono::seconds{seconds}};
}

std::optional<int> month_number(const char* name) {
  static constexpr std::array<std::string_view, 12> months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto i = std::find(months.begin(), months.end(), name);
  if (i == months.end())
    return std::nullopt;
  return static_cast<int>(i - months.begin()) + 1;
}

/// An IMF-fixdate, the one form of HTTP date senders may use (RFC 9110):
/// "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<clock_time> parse_http_date(std::string_view text) {
  const std::string copy{text}; // sscanf needs the terminating null
  char month[4] = {};
  char zone[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0, used = 0;
  if (std::sscanf(copy.c_str(), "%*3s, %2d %3s %4d %2d:%2d:%2d %3s%n", &day, month, &year,
                  &hour, &minute, &second, zone, &used) != 7 ||
      static_cast<std::size_t>(used) != copy.size() || std::string_view{zone} != "GMT")
    return std::nullopt;
  auto month_no = month_number(month);
  if (!month_no)
    return std::nullopt;
  return utc_time(year, *month_no, day, hour, minute, second);
}

/// The milliseconds of an optional ".123" fraction at the front of `text`,
/// which it removes; digits past the millisecond are dropped.
milliseconds take_fraction(std::string_view& text) {
  if (text.empty() || text.front() != '.')
    return milliseconds{0};
  text.remove_prefix(1);
  int64_t ms = 0;
  int scale = 100;
  while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
    ms += (text.front() - '0') * scale;
    scale /= 10;
    text.remove_prefix(1);
  }
  return milliseconds{ms};
}

/// The offset from UTC of "Z" or "+hh:mm" / "-hh:mm", all of `text`.
std::optional<std::chrono::minutes> parse_zone(std::string_view text) {
  if (text == "Z" || text == "z")
    return std::chrono::minutes{0};
  int hours = 0, minutes = 0, used = 0;
  const std::string copy{text};
  if (copy.size() != 6 || (copy[0] != '+' && copy[0] != '-') ||
      std::sscanf(copy.c_str() + 1, "%2d:%2d%n", &hours, &minutes, &used) != 2 ||
      used != 5)
    return std::nullopt;
  auto offset = std::chrono::minutes{hours * 60 + minutes};
  return copy[0] == '-' ? -offset : offset;
}

/// An RFC 3339 time: "2024-05-01T12:00:30Z", "2024-05-01T14:00:30.25+02:00".
std::optional<clock_time> parse_rfc3339(std::string_view text) {
  const std::string copy{text};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, used = 0;
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &year, &month, &day,
                  &hour, &minute, &second, &used) != 6)
    return std::nullopt;
  auto time = utc_time(year, month, day, hour, minute, second);
  auto rest = text.substr(static_cast<std::size_t>(used));
  auto fraction = take_fraction(rest);
  auto zone = parse_zone(rest);
  if (!time || !zone)
    return std::nullopt;
  return *time + fraction - *zone;
}

/// Milliseconds per unit of the Go duration unit at the front of `text`,
/// which it removes. "ms" comes before "m" so that it is not read as minutes.
std::optional<double> take_unit(std::string_view& text) {
  static constexpr std::array<std::pair<std::string_view, double>, 7> units = {{
      {"ms", 1.0},
      {"us", 1e-3},
      {"\xC2\xB5s", 1e-3},
      {"ns", 1e-6},
      {"h", 3.6e6},
      {"m", 6e4},
      {"s", 1e3},
  }};
  for (const auto& [name, scale] : units) {
    if (text.substr(0, name.size()) == name) {
      text.remove_prefix(name.size());
      return scale;
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<milliseconds> parse_reset_duration(std::string_view text) {
  text = trim(text);
  if (auto seconds = parse_number(text))
    return ceil_ms(*seconds * 1000);
  if (text.empty())
    return std::nullopt;
  double total_ms = 0;
  while (!text.empty()) {
    double value = 0;
    auto [stop, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || !is_amount(value))
      return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(stop - text.data()));
    auto scale = take_unit(text);
    if (!scale)
      return std::nullopt;
    total_ms += value * *scale;
  }
  return ceil_ms(total_ms);
}

rate_limit_headers read_rate_limit_headers(const header_map& headers, clock_time now) {
  rate_limit_headers limits;
  limits.remaining_requests = first_count(headers, "x-ratelimit-remaining-requests",
                                          "anthropic-ratelimit-requests-remaining");
  limits.remaining_tokens = first_count(headers, "x-ratelimit-remaining-tokens",
                                        "anthropic-ratelimit-tokens-remaining");
  limits.reset_after =
      parse_reset_duration(header(headers, "x-ratelimit-reset-requests"));
  if (!limits.reset_after) {
    if (auto reset = parse_rfc3339(header(headers, "anthropic-ratelimit-requests-reset")))
      limits.reset_after = until(now, *reset);
  }
  return limits;
}

std::optional<milliseconds> read_retry_after(const header_map& headers, clock_time now) {
  if (auto ms = parse_number(header(headers, "retry-after-ms")))
    return ceil_ms(*ms);
  auto value = header(headers, "retry-after");
  if (auto seconds = parse_number(value))
    return ceil_ms(*seconds * 1000);
  if (auto date = parse_http_date(value))
    return until(now, *date);
  return std::nullopt;
}

std::optional<milliseconds> read_limit_reset(const header_map& headers) {
  std::optional<milliseconds> exhausted;
  std::optional<milliseconds> any;
  for (const std::string kind : {"requests", "tokens"}) {
    auto reset = parse_reset_duration(header(headers, "x-ratelimit-reset-" + kind));
    if (!reset)
      continue;
    any = std::max(any.value_or(milliseconds{0}), *reset);
    if (parse_count(header(headers, "x-ratelimit-remaining-" + kind)) == int64_t{0})
      exhausted = std::max(exhausted.value_or(milliseconds{0}), *reset);
  }
  return exhausted ? exhausted : any;
}

} // namespace troupe

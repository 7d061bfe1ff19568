#pragma once

// How the trace views write times, money and counts, so that every view
// says "6.2 ms" and "$0.0016" the same way, and how they keep a trace's
// text from driving the terminal.

#include <cstdint>
#include <string>
#include <string_view>

namespace troupe {

/// A duration for people: "850 us", "6.2 ms", "1.25 s", "3m 05s".
std::string duration_text(int64_t us);

/// Seconds since the run started, to the millisecond: "12.345".
std::string offset_text(int64_t us);

/// US dollars to a tenth of a cent's hundredth: "$0.0016".
std::string usd_text(double usd);

/// "1 task", "6 tasks": `noun` takes an "s" unless `n` is 1.
std::string count_text(int64_t n, const std::string& noun);

/// `part` of `whole` in whole percent, "0%" when `whole` is 0.
std::string percent_text(double part, double whole);

/// How `b` differs from `a`, for `troupe trace diff`: "=" when equal,
/// else the signed difference written by `magnitude` (given its absolute
/// value) and the change in percent of `a`, "+$0.0004 (+40%)", "-3 (-30%)";
/// "(new)" instead of a percentage when `a` is 0.
std::string change_text(double a, double b, std::string (*magnitude)(double));

/// `text` as valid UTF-8 with every control character (escape sequences
/// included) made a space, except line ends when `keep_lines`: a trace is
/// input, and what it says must not move the cursor or recolour the screen.
std::string terminal_safe(std::string_view text, bool keep_lines = false);

} // namespace troupe

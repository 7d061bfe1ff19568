#pragma once

// Integer arithmetic on what a trace says. The reader bounds times and
// durations (see trace_event_json.hpp), but attributes hold any integer and
// views add up many events: a hostile file must get a wrong-looking number,
// never an overflow, which is undefined behaviour.

#include <cmath>
#include <cstdint>
#include <limits>

namespace troupe {

/// `a + b`, held at the largest or smallest int64_t instead of overflowing.
constexpr int64_t saturated_sum(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum))
    return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max()
               : std::numeric_limits<int64_t>::min();
}

/// `x` rounded toward zero, held at int64_t's limits; 0 for NaN. A plain
/// cast of a double outside the range is undefined behaviour.
inline int64_t saturated_int(double x) {
  constexpr auto limit = 9223372036854775808.0; // 2^63, the first double past the range
  if (std::isnan(x))
    return 0;
  if (x >= limit)
    return std::numeric_limits<int64_t>::max();
  if (x < -limit)
    return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(x);
}

} // namespace troupe

#include "bench/support/load_sample.hpp"

#include <algorithm>
#include <cmath>

namespace troupe::bench {

double load_sample::calls_per_second() const {
  auto seconds = std::chrono::duration<double>(wall).count();
  return seconds > 0 ? static_cast<double>(calls) / seconds : 0.0;
}

double load_sample::percentile_us(double p) const {
  if (latencies_ns.empty())
    return 0.0;
  auto sorted = latencies_ns;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
  auto nth =
      sorted.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
  std::nth_element(sorted.begin(), nth, sorted.end());
  return static_cast<double>(*nth) / 1000.0;
}

} // namespace troupe::bench

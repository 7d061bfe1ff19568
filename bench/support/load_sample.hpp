#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace troupe::bench {

/// What one measured batch of calls produced.
struct load_sample {
  std::size_t calls = 0;
  int64_t failures = 0;
  std::chrono::nanoseconds wall{0};
  std::vector<int64_t> latencies_ns; // one per answered call

  double calls_per_second() const;

  /// The p-th percentile (0 < p <= 100) of the latencies by nearest rank,
  /// in microseconds; 0 when nothing was answered.
  double percentile_us(double p) const;
};

} // namespace troupe::bench

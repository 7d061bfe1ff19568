#pragma once

#include <cstdint>

namespace troupe::bench {

/// The process's memory and threads, from /proc/self/status.
struct process_status {
  int64_t rss_kb = 0;      // VmRSS: resident now
  int64_t peak_rss_kb = 0; // VmHWM: the most resident since start or reset
  int64_t threads = 0;

  static process_status read();

  /// Gives the heap's free memory back to the system (malloc_trim), then
  /// starts VmHWM over from the current RSS (Linux: clear_refs 5), so that
  /// each arm of a benchmark starts from what it holds and sees its own
  /// peak; false when the peak cannot be reset.
  static bool reset_peak();
};

} // namespace troupe::bench

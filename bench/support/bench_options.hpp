#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace troupe::bench {

/// The command line every benchmark takes:
///   --reps N   repetitions per figure (default 5; the median is reported)
///   --quick    a smoke run: a tenth of the calls, one repetition
///   --out DIR  where the JSON result goes (default bench-results)
///   --scheduler.* and --work-stealing.* options go to CAF as they are, to
///   see how its scheduler settings change the figures.
struct bench_options {
  int reps = 5;
  bool quick = false;
  std::string out_dir = "bench-results";
  std::vector<std::string> caf_args;

  /// `full` calls, or a tenth of them (at least 1) in a quick run.
  std::size_t calls(std::size_t full) const;
};

/// Parses argv; prints the usage and exits on anything it does not know.
bench_options parse_bench_options(int argc, char** argv);

} // namespace troupe::bench

#include "bench/support/bench_options.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace troupe::bench {

namespace {

bool is_caf_option(const std::string& arg) {
  return arg.rfind("--scheduler.", 0) == 0 || arg.rfind("--work-stealing.", 0) == 0;
}

[[noreturn]] void usage(const char* program) {
  std::cerr << "usage: " << program
            << " [--reps N] [--quick] [--out DIR] [--scheduler.X=V] "
               "[--work-stealing.X=V]\n";
  std::exit(2);
}

} // namespace

std::size_t bench_options::calls(std::size_t full) const {
  return quick ? std::max<std::size_t>(full / 10, 1) : full;
}

bench_options parse_bench_options(int argc, char** argv) {
  bench_options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--quick")
      options.quick = true;
    else if (arg == "--reps" && has_value)
      options.reps = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--out" && has_value)
      options.out_dir = argv[++i];
    else if (is_caf_option(arg))
      options.caf_args.push_back(arg);
    else
      usage(argv[0]);
  }
  if (options.quick)
    options.reps = 1;
  return options;
}

} // namespace troupe::bench

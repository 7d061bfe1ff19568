#include "bench/support/run_benchmark.hpp"

#include "bench/support/bench_config.hpp"

#include <exception>
#include <iostream>

namespace troupe::bench {

int run_benchmark(int argc, char** argv, std::string name, std::string about,
                  const benchmark_body& body, const config_hook& configure) {
  auto options = parse_bench_options(argc, argv);
  try {
    bench_config cfg{options};
    if (configure)
      configure(cfg);
    caf::actor_system sys{cfg};
    bench_report report{name, std::move(about), options};
    bool all_answered = body(sys, report, options);
    report.print(std::cout);
    std::cout << "\nJSON: " << report.write() << "\n";
    return all_answered ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << name << ": " << e.what() << "\n";
    return 1;
  }
}

} // namespace troupe::bench

#include "bench/support/bench_config.hpp"

#include "runtime/system_setup.hpp"

#include <stdexcept>

namespace troupe::bench {

bench_config::bench_config(const bench_options& options) {
  add_troupe_types(*this);
  if (options.caf_args.empty())
    return;
  if (auto err = parse(options.caf_args))
    throw std::runtime_error("CAF rejected the scheduler options: " + to_string(err));
}

} // namespace troupe::bench

#pragma once

#include "bench/support/bench_options.hpp"

#include <caf/actor_system_config.hpp>

namespace troupe::bench {

/// An actor system configured as the CLI's (Troupe's types, CAF's default
/// scheduler with one worker per core), unless the command line passed
/// scheduler options through to CAF.
struct bench_config : caf::actor_system_config {
  explicit bench_config(const bench_options& options);
};

} // namespace troupe::bench

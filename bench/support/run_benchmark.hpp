#pragma once

#include "bench/support/bench_options.hpp"
#include "bench/support/bench_report.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <functional>
#include <string>

namespace troupe::bench {

/// What a benchmark does between start-up and report: adds its tables,
/// measures, adds its targets. Returns false when a call failed.
using benchmark_body =
    std::function<bool(caf::actor_system&, bench_report&, const bench_options&)>;

/// Adds to the actor system's configuration (Troupe's types are in it
/// already) before the system starts: e.g. CAF's network layer, through
/// add_troupe_network, for a benchmark whose runs reach `troupe node`s.
using config_hook = std::function<void(caf::actor_system_config&)>;

/// A benchmark's main: parses the command line, starts an actor system for
/// it (configured further by `configure`, if given), runs `body`, prints the
/// report and writes its JSON. Returns the exit status: 1 when a call failed
/// or the body threw, else 0.
int run_benchmark(int argc, char** argv, std::string name, std::string about,
                  const benchmark_body& body, const config_hook& configure = {});

} // namespace troupe::bench

#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/tool/tool_registry.hpp"

#include <string>

namespace troupe::bench {

/// The built-in agent and tool types and a scenario loaded against them, as
/// `troupe run` loads it. The registries must outlive the runs of `spec`.
struct bench_scenario {
  agent_registry agents;
  tool_registry tools;
  scenario_spec spec;

  /// Throws std::runtime_error naming `file` and its first problem.
  explicit bench_scenario(const std::string& file);
};

} // namespace troupe::bench

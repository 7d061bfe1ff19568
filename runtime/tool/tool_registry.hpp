#pragma once

#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/scenario/type_registry.hpp"
#include "runtime/tool/tool_actor.hpp"
#include "runtime/tool/tool_env.hpp"

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <functional>
#include <string>
#include <vector>

namespace troupe {

using tool_factory = std::function<caf::expected<tool_actor>(caf::actor_system&,
                                                             const tool_spec&, tool_env)>;

/// What the loader and orchestrator know about a tool type.
struct tool_type {
  std::string name;
  std::string description;
  std::vector<std::string> required_params;
  std::vector<std::string> optional_params; // accepted besides `type` and required
  std::vector<std::string> path_params;     // resolved against the scenario folder
  tool_factory factory;
};

using tool_registry = type_registry<tool_type>;

} // namespace troupe

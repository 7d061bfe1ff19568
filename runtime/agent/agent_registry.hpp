#pragma once

#include "runtime/agent/agent_actor.hpp"
#include "runtime/agent/agent_env.hpp"
#include "runtime/scenario/type_registry.hpp"

#include <boost/json.hpp>
#include <caf/actor_system.hpp>
#include <functional>
#include <string>
#include <vector>

namespace troupe {

using agent_factory = std::function<agent_actor(caf::actor_system&, agent_env)>;

/// What the loader and orchestrator know about an agent type.
struct agent_type {
  std::string name;
  std::string description;
  std::vector<std::string> required_inputs;  // keys a step's `with` must give
  std::vector<std::string> prompt_variables; // names the agent fills in
  std::vector<std::string> tool_params;      // params that name a tool id
  bool needs_prompt = false;
  bool needs_route = false;
  /// The JSON shapes of a task's inputs and of the agent's output, in the
  /// shape notation of runtime/scenario/json_shape.hpp; null when the type
  /// declares none. `output_shape_for`, when set, derives the output shape
  /// from the agent's spec (a type whose params say what it produces).
  boost::json::value input_shape;
  boost::json::value output_shape;
  std::function<boost::json::value(const agent_spec&)> output_shape_for;
  bool prompt_reads_inputs = false; // any `{{name}}` may be a task input
  /// What is wrong with an agent's params ("" when nothing); may be empty.
  std::function<std::string(const boost::json::object&)> check_params;
  agent_factory factory;
};

/// The output shape of an agent of `type` configured by `spec`.
inline boost::json::value output_shape_of(const agent_type& type,
                                          const agent_spec& spec) {
  return type.output_shape_for ? type.output_shape_for(spec) : type.output_shape;
}

using agent_registry = type_registry<agent_type>;

} // namespace troupe

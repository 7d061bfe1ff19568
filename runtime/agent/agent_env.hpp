#pragma once

#include "runtime/agent/approver_actor.hpp"
#include "runtime/model/model_actor.hpp"
#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/tool/tool_actor.hpp"
#include "runtime/trace/trace_sink_actor.hpp"

#include <boost/json.hpp>
#include <map>
#include <string>

namespace troupe {

/// What an agent is given when the orchestrator spawns it: its own spec and
/// the handles of the actors it may talk to. Nothing here is shared mutable.
struct agent_env {
  std::string run_id;
  agent_spec spec;
  boost::json::object run_inputs; // what {{inputs.NAME}} in a prompt reads
  model_actor router;
  trace_sink_actor trace;
  std::map<std::string, tool_actor> tools;
  approver_actor approver; // decides approval steps
  /// The `troupe node` the agent runs on, as the run's placement names it;
  /// empty in the run's own process. Its trace events carry it.
  std::string node;
};

} // namespace troupe

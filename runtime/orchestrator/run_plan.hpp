#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/agent/approver_actor.hpp"
#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/model/model_actor.hpp"
#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/tool/tool_actor.hpp"
#include "runtime/trace/trace_sink_actor.hpp"

#include <boost/json.hpp>
#include <caf/actor.hpp>
#include <map>
#include <optional>
#include <string>

namespace troupe {

/// Everything one orchestrator needs to drive one run. The registry is
/// read-only after start-up, so sharing it by pointer shares no mutable state.
struct run_plan {
  std::string run_id;
  scenario_spec spec;
  boost::json::object inputs;
  const agent_registry* agents = nullptr;
  model_actor router;
  trace_sink_actor trace;
  std::map<std::string, tool_actor> tools;
  bool capture_content = true;
  approver_actor approver;
  caf::actor state_writer; // takes run_checkpoint messages; may be unset
  /// For `troupe resume`: the last checkpoint's progress to go on from.
  std::optional<boost::json::object> resume;
  /// Sent to `troupe node`s with each agent placed there (TROUPE_NODE_TOKEN).
  std::string node_token;
  /// For a `troupe node` that routes its agents' model calls itself: the
  /// guard it charges (the run's caps hold on every node) and whether the
  /// run reads and stores cached answers.
  budget_guard_actor budget;
  bool use_cache = true;
};

} // namespace troupe

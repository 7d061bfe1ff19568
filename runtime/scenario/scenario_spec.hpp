#pragma once

#include "runtime/model/config/budget_spec.hpp"
#include "runtime/model/config/models_spec.hpp"
#include "runtime/scenario/item_condition.hpp"
#include "runtime/scenario/placement_spec.hpp"
#include "runtime/scenario/prompt_template.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// A declared run input, e.g. `question`.
struct input_spec {
  std::string name;
  std::string description;
  std::optional<std::string> default_value;
};

/// One agent instance of a scenario: `type` names a registered agent type.
struct agent_spec {
  std::string id;
  std::string type;
  std::string route;
  std::optional<prompt_template> prompt;
  std::string prompt_source; // file path or "inline"
  boost::json::object params;
  placement_spec placement; // where its instances run; local by default
};

/// One tool instance, e.g. a corpus folder; paths in `params` are resolved
/// against the scenario file's folder by the loader.
struct tool_spec {
  std::string id;
  std::string type;
  boost::json::object params;
};

/// A bounded jump back to an earlier step, taken when the step's agent
/// answers with `needs_more`.
struct loop_back_spec {
  std::string to;
  int max_rounds = 0;
};

/// One step of the flow. `with` maps task input names to templates: a string
/// that is exactly `{{ref}}` resolves to the referenced JSON value, any other
/// string is text with `{{ref}}` substituted. References are `inputs.NAME`,
/// `STEP_ID[.field...]`, `item` (in a `for_each` step) and `loop.query`.
/// `where` narrows a `for_each` to the elements that meet all its conditions.
struct step_spec {
  std::string id;
  std::string agent;
  boost::json::object with;
  std::string for_each;              // reference to a JSON array; empty for a single task
  std::vector<item_condition> where; // empty: every element gets a task
  std::optional<loop_back_spec> loop_back;
};

/// A run's guards: none of them can be switched off, only set.
struct limits_spec {
  int max_steps = 50;      // step executions, loop rounds included
  int max_handoffs = 1000; // tasks sent to agents over the whole run
  std::chrono::milliseconds deadline{std::chrono::minutes{5}};
  std::chrono::milliseconds step_timeout{std::chrono::minutes{2}};
  int timeout_retries = 1; // a task that times out is sent again this often
  /// One-for-one restarts: an agent that crashes more than max_restarts
  /// times within restart_window fails the run.
  int max_restarts = 3;
  std::chrono::milliseconds restart_window{std::chrono::minutes{1}};
};

/// A validated scenario. Everything in it has been checked by the loader:
/// agent and tool types exist, references point backwards, loops are bounded.
struct scenario_spec {
  std::string name;
  std::string description;
  std::string file;                 // the scenario file as given
  std::string base_dir;             // folder relative paths are resolved against
  std::vector<std::string> plugins; // plugin files it loads, absolute
  std::vector<input_spec> inputs;
  std::vector<agent_spec> agents;
  std::vector<tool_spec> tools;
  std::vector<step_spec> flow;
  models_spec models; // providers, routes and router policies
  budget_spec budget;
  limits_spec limits;
  std::string report; // reference to the report text, e.g. "refine.report"

  const agent_spec* find_agent(const std::string& id) const;
  const step_spec* find_step(const std::string& id) const;
  int step_index(const std::string& id) const; // -1 if absent
};

} // namespace troupe

#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace troupe {

/// Reads the `agents` section against the agent registry and the already
/// read inputs, tools and routes of `spec`: types must be registered, routes
/// declared, prompts complete and tool parameters must name declared tools;
/// each agent's `placement` is read by placement_reader.
class agents_reader {
public:
  agents_reader(load_context& ctx, const agent_registry& registry,
                const scenario_spec& spec);

  /// One spec per declared agent, also for broken ones, so that steps using
  /// them do not report a second, misleading error.
  std::vector<agent_spec> read(const boost::json::object& root);

private:
  agent_spec read_agent(const std::string& id, const boost::json::value& value,
                        const std::string& pointer);
  const agent_type* read_type(const boost::json::object& obj, const std::string& pointer,
                              agent_spec& agent);
  void read_route(const boost::json::object& obj, const std::string& pointer,
                  const agent_type* type, agent_spec& agent);
  void read_prompt(const boost::json::object& obj, const std::string& pointer,
                   const agent_type* type, agent_spec& agent);
  void read_params(const boost::json::object& obj, const std::string& pointer,
                   const agent_type* type, agent_spec& agent);
  void check_tool_param(const std::string& param, const agent_type& type,
                        const std::string& missing_at, const agent_spec& agent);
  std::vector<std::string> route_names() const;
  std::vector<std::string> tool_ids() const;

  load_context& ctx_;
  const agent_registry& registry_;
  const scenario_spec& spec_;
};

} // namespace troupe

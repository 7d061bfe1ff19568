#include "runtime/scenario/agents_reader.hpp"

#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/placement_reader.hpp"
#include "runtime/scenario/prompt_reader.hpp"

#include <algorithm>

namespace troupe {

namespace json = boost::json;

agents_reader::agents_reader(load_context& ctx, const agent_registry& registry,
                             const scenario_spec& spec)
    : ctx_(ctx), registry_(registry), spec_(spec) {}

std::vector<agent_spec> agents_reader::read(const json::object& root) {
  std::vector<agent_spec> result;
  const auto* agents = ctx_.object_field(root, "", "agents");
  if (agents == nullptr)
    return result;
  for (const auto& member : *agents) {
    std::string id{member.key()};
    result.push_back(read_agent(id, member.value(), json_locator::child("/agents", id)));
  }
  return result;
}

agent_spec agents_reader::read_agent(const std::string& id, const json::value& value,
                                     const std::string& pointer) {
  agent_spec agent;
  agent.id = id;
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return agent;
  ctx_.check_keys(*obj, pointer, {"type", "route", "prompt", "params", "placement"});
  const auto* type = read_type(*obj, pointer, agent);
  read_route(*obj, pointer, type, agent);
  read_prompt(*obj, pointer, type, agent);
  read_params(*obj, pointer, type, agent);
  agent.placement = placement_reader{ctx_, id}.read(*obj, pointer);
  return agent;
}

const agent_type* agents_reader::read_type(const json::object& obj,
                                           const std::string& pointer,
                                           agent_spec& agent) {
  if (!obj.contains("type")) {
    ctx_.at_value(pointer, "agent '" + agent.id + "' has no \"type\"",
                  "registered types: " + join_names(registry_.names()));
    return nullptr;
  }
  const auto* name = ctx_.string_field(obj, pointer, "type");
  if (name == nullptr)
    return nullptr;
  agent.type = std::string{*name};
  const auto* type = registry_.find(agent.type);
  if (type == nullptr)
    ctx_.at_value(json_locator::child(pointer, "type"),
                  "unknown agent type '" + agent.type + "'",
                  did_you_mean(agent.type, registry_.names(), "registered types") +
                      "; a type from a plugin needs the plugin: --plugin PATH or "
                      "\"plugins\": [PATH] in the scenario");
  return type;
}

void agents_reader::read_route(const json::object& obj, const std::string& pointer,
                               const agent_type* type, agent_spec& agent) {
  if (const auto* route = ctx_.string_field(obj, pointer, "route")) {
    agent.route = std::string{*route};
    if (spec_.models.routes.count(agent.route) == 0)
      ctx_.at_value(json_locator::child(pointer, "route"),
                    "agent '" + agent.id + "' uses route '" + agent.route +
                        "', which is not declared",
                    did_you_mean(agent.route, route_names(), "declared routes") +
                        "; declare it under models.routes or in a --providers file");
    return;
  }
  // The models reader always provides a `default` route.
  if (type != nullptr && type->needs_route && !obj.contains("route"))
    agent.route = "default";
}

void agents_reader::read_prompt(const json::object& obj, const std::string& pointer,
                                const agent_type* type, agent_spec& agent) {
  if (const auto* prompt = obj.if_contains("prompt")) {
    prompt_reader{ctx_, spec_.inputs}.read(
        *prompt, json_locator::child(pointer, "prompt"), type, agent);
    return;
  }
  if (type != nullptr && type->needs_prompt)
    ctx_.at_value(pointer,
                  "agent '" + agent.id + "' (type " + type->name + ") needs a \"prompt\"",
                  "add \"prompt\": {\"file\": \"prompts/" + agent.id + ".txt\"}");
}

void agents_reader::read_params(const json::object& obj, const std::string& pointer,
                                const agent_type* type, agent_spec& agent) {
  const auto* params = ctx_.object_field(obj, pointer, "params");
  if (params != nullptr)
    agent.params = *params;
  // A `params` of the wrong type is reported already; there is nothing to check.
  if (type == nullptr || (params == nullptr && obj.contains("params")))
    return;
  // A missing param is reported where it belongs: in `params` if there is one.
  auto missing_at = params != nullptr ? json_locator::child(pointer, "params") : pointer;
  for (const auto& param : type->tool_params)
    check_tool_param(param, *type, missing_at, agent);
  if (type->check_params)
    if (auto problem = type->check_params(agent.params); !problem.empty())
      ctx_.at_value(missing_at,
                    "agent '" + agent.id + "' (type " + type->name + "): " + problem,
                    "see what agent type " + type->name + " documents for its params");
}

void agents_reader::check_tool_param(const std::string& param, const agent_type& type,
                                     const std::string& missing_at,
                                     const agent_spec& agent) {
  auto params_pointer = json_locator::child("/agents", agent.id) + "/params";
  auto tools = tool_ids();
  if (!agent.params.contains(param)) {
    ctx_.at_value(missing_at,
                  "agent '" + agent.id + "' (type " + type.name + ") needs param '" +
                      param + "' naming a tool",
                  "add \"" + param + "\": \"TOOL\" to its \"params\"; declared tools: " +
                      join_names(tools));
    return;
  }
  const auto* tool = ctx_.string_field(agent.params, params_pointer, param);
  if (tool != nullptr && std::find(tools.begin(), tools.end(), *tool) == tools.end())
    ctx_.at_value(json_locator::child(params_pointer, param),
                  "agent '" + agent.id + "' uses tool '" + std::string{*tool} +
                      "', which is not declared",
                  did_you_mean(*tool, tools, "declared tools"));
}

std::vector<std::string> agents_reader::tool_ids() const {
  std::vector<std::string> ids;
  for (const auto& tool : spec_.tools)
    ids.push_back(tool.id);
  return ids;
}

std::vector<std::string> agents_reader::route_names() const {
  std::vector<std::string> names;
  for (const auto& route : spec_.models.routes)
    names.push_back(route.first);
  return names;
}

} // namespace troupe

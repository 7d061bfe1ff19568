#include "runtime/scenario/placement_reader.hpp"

#include "runtime/errors.hpp"
#include "runtime/node/node_address.hpp"
#include "runtime/orchestrator/spread_policy.hpp"
#include "runtime/scenario/did_you_mean.hpp"

#include <algorithm>

namespace troupe {

namespace json = boost::json;

namespace {

const std::vector<std::string>& fallback_names() {
  static const std::vector<std::string> names{"local", "none"};
  return names;
}

const std::string forms_hint =
    "write \"local\", a node \"HOST:PORT\", an array of nodes, or {\"nodes\": "
    "[\"HOST:PORT\", ...], \"spread\": \"round_robin\", \"fallback\": \"local\"}";

} // namespace

placement_reader::placement_reader(load_context& ctx, std::string agent_id)
    : ctx_(ctx), agent_id_(std::move(agent_id)) {}

placement_spec placement_reader::read(const json::object& agent,
                                      const std::string& pointer) {
  placement_spec placement;
  const auto* value = agent.if_contains("placement");
  if (value == nullptr)
    return placement;
  auto at = json_locator::child(pointer, "placement");
  if (const auto* text = value->if_string()) {
    if (*text == "local")
      return placement;
    if (auto node = read_node(*value, at))
      placement.nodes.push_back(std::move(*node));
  } else if (const auto* list = value->if_array()) {
    if (auto nodes = read_nodes(*list, at))
      placement.nodes = std::move(*nodes);
  } else if (const auto* obj = value->if_object()) {
    read_object(*obj, at, placement);
  } else {
    ctx_.at_value(at,
                  load_context::path_of(at) + " must be a string, an array or an " +
                      "object, not " + load_context::kind_name(*value),
                  forms_hint);
  }
  return placement;
}

void placement_reader::read_object(const json::object& obj, const std::string& pointer,
                                   placement_spec& placement) {
  ctx_.check_keys(obj, pointer, {"nodes", "spread", "fallback"});
  if (!obj.contains("nodes"))
    ctx_.at_value(pointer, "the placement of agent '" + agent_id_ + "' has no \"nodes\"",
                  "add \"nodes\": [\"HOST:PORT\", ...]; an agent that runs in the "
                  "run's process has \"placement\": \"local\"");
  if (const auto* nodes = ctx_.array_field(obj, pointer, "nodes"))
    if (auto read = read_nodes(*nodes, json_locator::child(pointer, "nodes")))
      placement.nodes = std::move(*read);
  if (auto spread = read_name(obj, pointer, "spread", spread_policy_names()))
    placement.spread = std::move(*spread);
  if (auto fallback = read_name(obj, pointer, "fallback", fallback_names()))
    placement.fallback = std::move(*fallback);
}

std::optional<std::vector<std::string>>
placement_reader::read_nodes(const json::array& nodes, const std::string& pointer) {
  if (nodes.empty()) {
    ctx_.at_value(pointer, "the placement of agent '" + agent_id_ + "' lists no nodes",
                  "list the HOST:PORT of at least one `troupe node`, or write "
                  "\"placement\": \"local\"");
    return std::nullopt;
  }
  std::vector<std::string> result;
  bool ok = true;
  for (size_t i = 0; i < nodes.size(); ++i) {
    auto at = json_locator::child(pointer, i);
    auto node = read_node(nodes[i], at);
    if (!node) {
      ok = false;
    } else if (std::find(result.begin(), result.end(), *node) != result.end()) {
      ctx_.at_value(at,
                    "the placement of agent '" + agent_id_ + "' lists node '" + *node +
                        "' twice",
                    "remove one: each node runs one instance of the agent");
      ok = false;
    } else {
      result.push_back(std::move(*node));
    }
  }
  return ok ? std::optional{std::move(result)} : std::nullopt;
}

std::optional<std::string> placement_reader::read_node(const json::value& value,
                                                       const std::string& pointer) {
  const auto* text = value.if_string();
  if (text == nullptr) {
    ctx_.at_value(pointer, load_context::path_of(pointer) +
                               " must be a string \"HOST:PORT\", not " +
                               load_context::kind_name(value));
    return std::nullopt;
  }
  if (*text == "local") {
    ctx_.at_value(pointer,
                  "\"local\" cannot be one of the nodes of agent '" + agent_id_ + "'",
                  "\"local\" stands alone: \"placement\": \"local\"; for tasks to go "
                  "to the run's process when no node is up, give \"fallback\": "
                  "\"local\" (the default)");
    return std::nullopt;
  }
  auto address = node_address::parse(std::string{*text});
  if (!address) {
    auto local = closest_name(*text, {"local"});
    ctx_.at_value(pointer,
                  "the placement of agent '" + agent_id_ +
                      "': " + describe(address.error()),
                  (local ? "did you mean 'local'? " : "") +
                      std::string{"a node is the HOST:PORT a `troupe node` listens on"});
    return std::nullopt;
  }
  if (address->port == 0) {
    ctx_.at_value(pointer,
                  "the placement of agent '" + agent_id_ + "': node address '" +
                      std::string{*text} + "' has port 0",
                  "port 0 is for a node that picks a free port when it starts; give "
                  "the port it listens on");
    return std::nullopt;
  }
  return address->to_string();
}

std::optional<std::string>
placement_reader::read_name(const json::object& obj, const std::string& pointer,
                            const char* key, const std::vector<std::string>& known) {
  const auto* name = ctx_.string_field(obj, pointer, key);
  if (name == nullptr)
    return std::nullopt;
  std::string text{*name};
  if (std::find(known.begin(), known.end(), text) != known.end())
    return text;
  ctx_.at_value(json_locator::child(pointer, key),
                "unknown " + std::string{key} + " '" + text +
                    "' in the placement of agent '" + agent_id_ + "'",
                did_you_mean(text, known, std::string{key} + " names"));
  return std::nullopt;
}

} // namespace troupe

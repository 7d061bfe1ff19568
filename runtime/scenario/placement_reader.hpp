#pragma once

#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/placement_spec.hpp"

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// Reads the `placement` of one agent: "local"; one node, "HOST:PORT"; a
/// non-empty array of nodes without duplicates; or an object {"nodes": [...],
/// "spread": NAME, "fallback": "local" | "none"}. A node must parse as a
/// node_address with a port other than 0 (which only a listening node uses);
/// nodes are kept in the form node_address::to_string gives them, so that
/// "h:07101" and "h:7101" are one node.
class placement_reader {
public:
  /// `agent_id` names the agent in messages.
  placement_reader(load_context& ctx, std::string agent_id);

  /// The placement given in the agent object `agent` at `pointer`: local
  /// when it has none or when it is broken (then reported).
  placement_spec read(const boost::json::object& agent, const std::string& pointer);

private:
  void read_object(const boost::json::object& obj, const std::string& pointer,
                   placement_spec& placement);
  std::optional<std::vector<std::string>> read_nodes(const boost::json::array& nodes,
                                                     const std::string& pointer);
  std::optional<std::string> read_node(const boost::json::value& value,
                                       const std::string& pointer);
  std::optional<std::string> read_name(const boost::json::object& obj,
                                       const std::string& pointer, const char* key,
                                       const std::vector<std::string>& known);

  load_context& ctx_;
  std::string agent_id_;
};

} // namespace troupe

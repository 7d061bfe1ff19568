#pragma once

#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/tool/tool_registry.hpp"

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace troupe {

/// Reads the `tools` section: each tool's type must be registered, its keys
/// must be parameters of that type, and path parameters must exist; they are
/// stored as absolute paths.
class tools_reader {
public:
  tools_reader(load_context& ctx, const tool_registry& registry);

  /// One spec per declared tool, also for broken ones, so that references to
  /// them do not report a second, misleading error.
  std::vector<tool_spec> read(const boost::json::object& root);

private:
  tool_spec read_tool(const std::string& id, const boost::json::value& value,
                      const std::string& pointer);
  const tool_type* read_type(const std::string& id, const boost::json::object& obj,
                             const std::string& pointer, tool_spec& tool);
  void check_params(const tool_type& type, const tool_spec& tool,
                    const boost::json::object& obj, const std::string& pointer);
  void resolve_paths(const tool_type& type, tool_spec& tool, const std::string& pointer);

  load_context& ctx_;
  const tool_registry& registry_;
};

} // namespace troupe

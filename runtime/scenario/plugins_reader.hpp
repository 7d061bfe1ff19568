#pragma once

#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// Loads one plugin; answers what went wrong, or nothing.
using plugin_hook = std::function<std::optional<std::string>(const std::string& path)>;

/// Reads a scenario's `"plugins": ["path/to/x.so", ...]`: paths resolve
/// against the scenario folder and must exist. With a `hook`, each plugin
/// is loaded as it is read, so the agent types it registers are known when
/// the scenario's agents are checked; its failure is reported at its path.
std::vector<std::string> read_plugins(load_context& ctx, const boost::json::object& root,
                                      const plugin_hook& hook);

} // namespace troupe

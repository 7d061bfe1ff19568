#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/config_error.hpp"
#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/tool/tool_registry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// The outcome of loading a scenario: a spec, or every problem found.
struct load_result {
  std::optional<scenario_spec> spec;
  std::vector<config_error> errors;
};

/// Reads scenario files (JSON with comments and trailing commas) into
/// validated specs. Checks keys, types, agent and tool types against the
/// registries, references between steps, prompt variables and loop bounds;
/// every error names file:line:col and, where it helps, a fix.
class scenario_loader {
public:
  scenario_loader(const agent_registry& agents, const tool_registry& tools);

  /// Loads `path`; relative paths inside resolve against its folder.
  load_result load_file(const std::string& path) const;

  /// Loads `text` as if read from `file_name`, resolving relative paths
  /// against `base_dir`.
  load_result load_text(const std::string& text, const std::string& file_name,
                        const std::string& base_dir) const;

private:
  const agent_registry& agents_;
  const tool_registry& tools_;
};

} // namespace troupe

#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/config_error.hpp"
#include "runtime/scenario/plugins_reader.hpp"
#include "runtime/scenario/providers_file.hpp"
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

/// The outcome of loading a providers file: its spec, or every problem found.
struct providers_load_result {
  std::optional<providers_file> spec;
  std::vector<config_error> errors;
};

/// Reads scenario files (JSON with comments and trailing commas) into
/// validated specs. Checks keys, types, agent and tool types against the
/// registries, references between steps, prompt variables, loop bounds and
/// that each step's inputs fit the shapes its agent type declares (see
/// shape_checker); every error names file:line:col and, where it helps, a fix.
class scenario_loader {
public:
  scenario_loader(const agent_registry& agents, const tool_registry& tools);

  /// Loads `path`; relative paths inside resolve against its folder. With a
  /// `providers_path`, that providers file is read too and merged over the
  /// scenario (see providers_file) before agents' routes and budget caps are
  /// checked; the problems of both files come back together, the providers
  /// file's first.
  load_result load_file(const std::string& path,
                        const std::string& providers_path = {}) const;

  /// Loads `text` as if read from `file_name`, resolving relative paths
  /// against `base_dir`, with `extra` (if any) merged over its models.
  load_result load_text(const std::string& text, const std::string& file_name,
                        const std::string& base_dir,
                        const providers_file* extra = nullptr) const;

  /// Loads a providers file on its own; relative paths inside resolve
  /// against its folder.
  static providers_load_result load_providers_file(const std::string& path);

  /// Loads `text` as a providers file read from `file_name`.
  static providers_load_result load_providers_text(const std::string& text,
                                                   const std::string& file_name,
                                                   const std::string& base_dir);

  /// Lets the loader load the plugins a scenario lists (`"plugins"`) into
  /// the agent registry it checks against, before it reads the agents.
  /// Without a hook the listed files are only checked to exist.
  void on_plugin(plugin_hook hook) { plugins_ = std::move(hook); }

private:
  plugin_hook plugins_;
  const agent_registry& agents_;
  const tool_registry& tools_;
};

} // namespace troupe

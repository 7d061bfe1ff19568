#pragma once

#include "runtime/agent/agent_registry.hpp"

#include <caf/expected.hpp>
#include <string>
#include <vector>

namespace troupe {

/// Loads agent plugins: shared libraries whose entry points TROUPE_PLUGIN
/// (troupe/agent.hpp) defines. A plugin is checked before it registers
/// anything: it must export both entry points and have been built for this
/// troupe's TROUPE_AGENT_API_VERSION. Loaded plugins stay loaded for the life
/// of the process, since their agents' code may run until it ends.
class plugin_loader {
public:
  explicit plugin_loader(agent_registry& registry) : registry_(registry) {}

  /// Loads `path` and registers its agent types; returns their names. Fails
  /// with errc::invalid_input and a message naming the file and the fix for
  /// a missing file, a library that does not load, a missing entry point,
  /// an API version mismatch, a type name already registered, or an
  /// exception thrown by the registration function.
  caf::expected<std::vector<std::string>> load(const std::string& path);

private:
  agent_registry& registry_;
  std::vector<std::string> loaded_; // canonical paths, so a plugin loads once
};

} // namespace troupe

#pragma once

#include "runtime/tool/tool_registry.hpp"

namespace troupe {

/// Registers the tool types that ship with Troupe: `corpus` and `files`.
void register_builtin_tools(tool_registry& registry);

/// Where a corpus folder's index lives unless the scenario names one:
/// $XDG_CACHE_HOME/troupe (or ~/.cache/troupe), one file per folder.
std::string default_index_path(const std::string& corpus_dir);

} // namespace troupe

#pragma once

#include "runtime/agent/agent_registry.hpp"

namespace troupe {

/// Registers the agent types that ship with Troupe: search, summarize,
/// analyze and refine. Custom agents register the same way, one call each.
void register_builtin_agents(agent_registry& registry);

} // namespace troupe

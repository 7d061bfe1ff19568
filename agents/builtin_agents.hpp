#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "troupe/agent.hpp"

namespace troupe {

/// Registers the agent types that ship with Troupe through the same public
/// API a plugin uses: one `catalog.add<T>(T::info())` line each.
void register_builtin_agents(agent_catalog& catalog);

/// The same, into a registry.
void register_builtin_agents(agent_registry& registry);

} // namespace troupe

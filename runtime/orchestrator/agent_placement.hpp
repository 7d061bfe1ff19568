#pragma once

// Where the orchestrator's agents run: instances in the run's process and
// on `troupe node`s (placement.nodes).
//   orchestrator --connect--> middleman actor  <--node handle--
//   orchestrator --spawn_agent--> node         <--agent | refusal--
// A node that cannot be reached is tried again every second until the run
// ends; a node that refuses (allow list, token, type) is not.

#include "runtime/orchestrator/orchestrator_events.hpp"

#include <functional>
#include <optional>
#include <string>

namespace troupe::orchestration {

/// Spawns the local instances of every agent and asks the nodes for the
/// remote ones; calls `placed` once every node has answered (at once when
/// no agent is placed on a node).
void place_agents(orchestrator_ptr self, std::function<void()> placed);

/// Spawns instance `i` of agent `id` in the run's process.
void spawn_local(orchestrator_ptr self, const std::string& id, size_t i);

/// Connects to the node of instance `i` of `id` and asks it for the agent.
void start_remote(orchestrator_ptr self, const std::string& id, size_t i);

/// Tries instance `i` of `id` again after a while: a lost node that comes
/// back is used again.
void retry_node_later(orchestrator_ptr self, const std::string& id, size_t i);

/// Adds and spawns a local instance of `id` where its placement allows it.
std::optional<size_t> fallback_instance(orchestrator_ptr self, const std::string& id);

/// Why agent `id` cannot run: no node up, no local fallback allowed.
std::string no_node_left(const orchestrator_state& st, const std::string& id);

} // namespace troupe::orchestration

#pragma once

// The actor a `troupe node` publishes.
//   orchestrator --spawn_agent--> agent_node : checks the peer's address
//       against the allow list (asking the middleman where a node id
//       connects from), the token and the agent type, spawns the agent
//   orchestrator <--caf::actor | error(node_refused)--
//   orchestrator --task--> agent (directly, through CAF's proxies)
// It monitors the model router of each run it spawned agents for: when the
// run ends or its connection drops, the run's agents are stopped. It owns
// the agents it spawned and, with a providers file, a model router per run
// that those agents call instead of the run's.

#include "runtime/agent/agent_registry.hpp"
#include "runtime/node/allow_list.hpp"
#include "runtime/node/node_actor.hpp"
#include "runtime/orchestrator/model_services.hpp"

#include <caf/node_id.hpp>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace troupe {

struct node_config {
  const agent_registry* agents = nullptr; // built-ins and plugins; read-only
  std::set<std::string> hosted;           // empty: every registered type
  allow_list allowed = allow_list::loopback();
  std::string token; // empty: none asked for
  /// With a providers file (`troupe node --providers`): the node routes the
  /// model calls of the agents it hosts itself, over these providers and
  /// routes and through `services` (its HTTP transport, offline model and
  /// prices), charging each run's budget guard. Without: they use the run's
  /// router.
  std::optional<models_spec> models;
  model_services services;
  /// One line per connection, spawn, refusal and ended run; may be empty.
  std::function<void(const std::string&)> log;
};

struct agent_node_state {
  static inline const char* name = "agent_node";
  node_config config;
  /// Peers heard from, by node id: their address and whether it is allowed.
  struct peer {
    std::string address;
    bool allowed = false;
  };
  std::map<caf::node_id, peer> peers;
  /// What the node keeps for a run whose agents it hosts.
  struct hosted_run {
    std::vector<caf::actor> agents;
    model_actor router;                 // the node's own, with a providers file
    std::vector<caf::actor_addr> owned; // that router and its providers
  };
  /// By the run's own model router, which lives in the run's process and
  /// stops when the run ends.
  std::map<caf::actor_addr, hosted_run> runs;
};

node_actor::behavior_type agent_node(node_actor::stateful_pointer<agent_node_state> self,
                                     node_config config);

/// The agent types a node started with `config` hosts, sorted.
std::vector<std::string> hosted_types(const node_config& config);

} // namespace troupe

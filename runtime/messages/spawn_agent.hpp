#pragma once

#include "runtime/agent/agent_env.hpp"
#include "runtime/messages/agent_spec_wire.hpp"
#include "runtime/model/budget/budget_guard_actor.hpp"

#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// An orchestrator asks a `troupe node` to start one agent of its run. The
/// environment's actor handles (router, trace sink, tools, approver) cross
/// as handles of actors in the run's process: the agent's model calls,
/// tool calls and trace events go back there, so a distributed run has one
/// budget and one trace. `token` is the node's shared secret, if it has
/// one. The node answers with the agent (a caf::actor to cast to
/// agent_actor) or a refusal that says why. A node with a providers file
/// gives the agent its own router instead of the run's.
struct spawn_agent {
  agent_env env;
  std::string token;
  /// For a node with its own model router (`troupe node --providers`): the
  /// run's budget guard, which that router charges, and the run's options.
  budget_guard_actor budget;
  bool capture_content = true;
  bool use_cache = true;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, agent_env& x) {
  boost::json::value inputs;
  if constexpr (Inspector::reads_state)
    inputs = x.run_inputs;
  auto load = caf::meta::load_callback([&]() -> caf::error {
    if (!inputs.is_object())
      return caf::make_error(caf::sec::invalid_argument, "run inputs are not an object");
    x.run_inputs = std::move(inputs.as_object());
    return caf::none;
  });
  return f(caf::meta::type_name("agent_env"), x.run_id, x.spec, json_text{&inputs},
           x.router, x.trace, x.tools, x.approver, x.node, load);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, spawn_agent& x) {
  return f(caf::meta::type_name("spawn_agent"), x.env, x.token, x.budget,
           x.capture_content, x.use_cache);
}

} // namespace troupe

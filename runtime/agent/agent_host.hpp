#pragma once

// The actor that runs one agent of a run.
//   orchestrator --task--> agent_host --on_task(ctx)--> the agent object
//   orchestrator <--agent_result | error-- (when the agent answers ctx)
// The host owns the agent object (its state across the run's tasks) and
// hands each task to it with a fresh task_context. An exception thrown by
// the agent ends the host with the exception's text as its exit reason,
// and the task in flight fails with the same cause.

#include "runtime/agent/agent_actor.hpp"
#include "runtime/agent/agent_env.hpp"
#include "troupe/agent.hpp"

#include <caf/error.hpp>
#include <memory>

namespace troupe {

struct agent_host_state {
  static inline const char* name = "agent_host";
  std::unique_ptr<agent> impl;
  std::shared_ptr<const agent_env> env;
  std::shared_ptr<caf::error> crash = std::make_shared<caf::error>();
};

agent_actor::behavior_type
agent_host(agent_actor::stateful_pointer<agent_host_state> self, agent_env env,
           agent_maker make);

} // namespace troupe

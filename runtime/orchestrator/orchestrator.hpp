#pragma once

// The orchestrator supervises one run.
//   caller --start--> orchestrator : spawns and monitors the scenario's agents,
//                                    answers with a run_outcome when done
//   orchestrator --task--> agent   : one per step, or one per item of a
//                                    for_each step that its `where` keeps,
//                                    all in flight at once
//   agent --agent_result--> orchestrator
// It drives the flow (flow_state), enforces max_steps, max_handoffs, the
// deadline and the step timeout (a task that times out is sent again up to
// limits.timeout_retries times), and records every hop as a trace event.
// It supervises its agents one for one: an agent that crashes is restarted
// and its unanswered tasks are sent again, up to limits.max_restarts
// within limits.restart_window_seconds; past that, or when an agent
// answers with an error, the run fails with a clear cause. It owns its
// agents: they stop with it.
// An agent placed on `troupe node`s (placement.nodes) has an instance on
// each; the orchestrator starts them through the nodes before the first
// step, spreads the agent's tasks across the instances that are up, and
// when a node is lost sends that node's unanswered tasks to the others
// (or to a local instance, per placement.fallback) and keeps trying to
// start the agent there again, so a node that comes back is used again.

#include "runtime/agent/agent_actor.hpp"
#include "runtime/orchestrator/agent_pool.hpp"
#include "runtime/orchestrator/flow_state.hpp"
#include "runtime/orchestrator/restart_intensity.hpp"
#include "runtime/orchestrator/run_plan.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

struct orchestrator_state {
  static inline const char* name = "orchestrator";
  run_plan plan;
  std::optional<flow_state> flow;
  std::map<std::string, agent_pool> agents; // by agent id
  /// Which agent and instance each live agent actor is.
  std::map<caf::actor_addr, std::pair<std::string, size_t>> agent_ids;
  int starting = 0;                // remote instances to hear from before the first step
  bool started = false;            // the first step has begun
  std::function<void()> on_placed; // begins the flow once the nodes answered
  caf::response_promise promise;
  int64_t run_start_us = 0;
  int step_runs = 0;
  std::string step_span;
  int64_t step_start_us = 0;
  step_tasks tasks; // of the running step
  std::vector<boost::json::value> step_outputs;
  std::vector<bool> answered;  // per task of the running step
  std::vector<int> attempts;   // per task: sends, timeouts and restarts included
  std::vector<size_t> sent_to; // per task: the instance of its agent it went to
  /// Per task of the running step, while its answer is awaited: when it
  /// times out. One sweep checks them all, instead of a CAF timeout per
  /// task, which would cost each hand-off a registration with CAF's clock
  /// thread (a mutex and a wake-up).
  std::vector<std::optional<std::chrono::steady_clock::time_point>> deadlines;
  bool sweep_armed = false;                          // a tick_atom is on its way
  int handoffs = 0;                                  // tasks sent in the whole run
  std::map<std::string, restart_intensity> restarts; // by agent id
  size_t pending = 0;
  std::string needs_more;
  bool done = false;
};

caf::behavior orchestrator(caf::stateful_actor<orchestrator_state>* self, run_plan plan);

} // namespace troupe

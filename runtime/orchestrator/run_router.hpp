#pragma once

#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/model/config/models_spec.hpp"
#include "runtime/model/model_actor.hpp"
#include "runtime/orchestrator/model_services.hpp"
#include "runtime/trace/trace_sink_actor.hpp"

#include <caf/actor_addr.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <vector>

namespace troupe {

/// What a run's router answers to besides its models: the budget guard it
/// reserves with, the trace it records to, and the run's trace and cache
/// options.
struct run_router_terms {
  budget_guard_actor budget;
  trace_sink_actor trace;
  bool capture_content = true;
  bool use_cache = true;
};

/// Spawns the model router of one run over `models`, with an HTTP provider
/// actor per remote endpoint and the shared offline provider for `local`
/// ones. Adds every actor it spawns to `owned` (stop them with the run).
/// Used for a run's own router, and by a `troupe node` with a providers
/// file for the runs whose agents it hosts. Fails on a bad pricing file.
caf::expected<model_actor> spawn_run_router(caf::actor_system& sys,
                                            const models_spec& models,
                                            const model_services& shared,
                                            const run_router_terms& terms,
                                            std::vector<caf::actor_addr>& owned);

} // namespace troupe

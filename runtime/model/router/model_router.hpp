#pragma once

// The model router: the single door between agents and models.
//   agent --model_request--> router --model_request--> provider (per attempt)
//   agent <-model_response-- router <-attempt_result-- provider
//   router --budget_reserve/settle--> budget guard
//   router --trace_event--> trace sink
// For each request it orders the route's targets (route strategy), skips
// targets whose breaker is open, answers from the cache when it can, waits
// for or spills past rate limits, reserves the worst case in the budget,
// sends, and on failure retries with backoff or fails over, as the
// attempt's outcome class says. The policies are plain classes; this actor
// only wires them together and owns their state.

#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/model/budget/pricing_table.hpp"
#include "runtime/model/cache/response_cache.hpp"
#include "runtime/model/config/models_spec.hpp"
#include "runtime/model/model_actor.hpp"
#include "runtime/model/policy/circuit_breaker.hpp"
#include "runtime/model/policy/random_source.hpp"
#include "runtime/model/policy/rate_limiter.hpp"
#include "runtime/model/policy/retry_policy.hpp"
#include "runtime/model/policy/route_strategy.hpp"
#include "runtime/model/provider_actor.hpp"
#include "runtime/model/router/model_call.hpp"
#include "runtime/trace/trace_sink_actor.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace troupe {

struct model_router_config {
  models_spec models;
  std::map<std::string, provider_actor> providers; // by provider name
  budget_guard_actor budget;                       // null: no budget checks
  trace_sink_actor trace;
  pricing_table pricing;
  bool capture_content = true;
  bool use_cache = true;
  uint64_t seed = 0; // 0: seeded from the system's entropy
  /// How long past a provider's own timeout the router waits for its
  /// answer: the provider reports its timeouts itself; this only catches
  /// one that went silent. Checked by one sweep every `deadline_sweep`,
  /// not by a timer per request.
  std::chrono::milliseconds provider_grace{std::chrono::seconds{10}};
  std::chrono::milliseconds deadline_sweep{std::chrono::seconds{1}};
};

/// The router's handle: model requests from agents, plus its own timers.
using model_router_actor =
    model_actor::extend<caf::reacts_to<retry_atom, uint64_t>, caf::reacts_to<tick_atom>>;

struct model_router_state {
  static inline const char* name = "model_router";
  model_router_config config;
  std::map<std::string, std::unique_ptr<route_strategy>> strategies; // by route
  std::map<std::string, circuit_breaker> breakers;                   // "provider/model"
  std::map<std::string, rate_limiter> limiters;                      // by provider
  std::unique_ptr<retry_policy> retry;
  std::unique_ptr<response_cache> cache;
  std::unique_ptr<random_source> rng;
  std::map<uint64_t, model_call> calls;
  uint64_t next_call = 0;
  bool sweep_armed = false; // a tick_atom is on its way

  model_router_state() = default;
  model_router_state(const model_router_state&) = delete;
  model_router_state& operator=(const model_router_state&) = delete;
  /// Calls still in flight when the router stops (the run ended or was
  /// stopped) are abandoned: their callers get an error, and since the
  /// provider may bill a request it received, each is charged its reserved
  /// worst case and traced as such, so trace and ledger still agree.
  ~model_router_state();
};

model_router_actor::behavior_type
model_router(model_router_actor::stateful_pointer<model_router_state> self,
             model_router_config config);

} // namespace troupe

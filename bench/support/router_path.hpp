#pragma once

// The model router with what a run puts around it, for one measurement:
//   caller --model_request--> router --model_request--> provider (given)
//   router --budget_reserve/settle--> budget guard (the run's caps set)
//   router --trace_event--> trace sink (writing to /dev/null)
// One route, "main", to one target. Parts can be left out, to see what
// each costs. Everything spawned here stops with the object.

#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/model/config/provider_spec.hpp"
#include "runtime/model/model_actor.hpp"
#include "runtime/model/provider_actor.hpp"
#include "runtime/trace/trace_sink_actor.hpp"

#include <caf/actor_system.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe::bench {

struct router_parts {
  bool cache = true;  // in-memory response cache (requests are distinct: misses)
  bool budget = true; // reserve and settle every call with the budget guard
  bool trace = true;  // trace events, content included, to a sink
};

class router_path {
public:
  /// `provider` answers for `spec.name`; the route's target is its "bench-model".
  router_path(caf::actor_system& sys, provider_actor provider, provider_spec spec,
              router_parts parts);
  ~router_path();
  router_path(const router_path&) = delete;
  router_path& operator=(const router_path&) = delete;

  const model_actor& router() const { return router_; }

  /// Waits until the sink has handled every event sent to it so far and
  /// returns how long that took, in nanoseconds (0 without a trace).
  int64_t drain_trace();

private:
  caf::actor_system& sys_;
  model_actor router_;
  budget_guard_actor budget_;
  trace_sink_actor trace_;
};

/// `n` requests for route "main" as an agent sends them, each with its own
/// prompt of a typical short length, numbered from `first`: batches with
/// disjoint numbers never hit each other in a cache.
std::vector<model_request> distinct_requests(std::size_t n, std::size_t first = 0);

} // namespace troupe::bench

#pragma once

// The do-nothing actors the benchmarks put at the far end of a path, so
// that what is measured is the path itself:
//   router --model_request--> fixed_provider --attempt_result--> router
//   caller --model_request--> echo_model --model_response--> caller
//   caller --task--> echo_agent --agent_result--> caller

#include "runtime/agent/agent_actor.hpp"
#include "runtime/model/model_actor.hpp"
#include "runtime/model/provider_actor.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace troupe::bench {

/// Answers every attempt at once with the same short completion.
provider_actor::behavior_type fixed_provider(provider_actor::pointer self);

/// Answers every model request at once, as a router would with that
/// completion: the raw CAF round trip the router is compared to.
model_actor::behavior_type echo_model(model_actor::pointer self);

/// When each task arrived, in nanoseconds of the steady clock. Written by
/// the agent only; read once its caller has seen the last answer.
using arrival_log = std::shared_ptr<std::vector<int64_t>>;

/// Answers every task at once with its own inputs as output, noting its
/// arrival. A step can thus hand a list it was given to a later for_each.
agent_actor::behavior_type echo_agent(agent_actor::pointer self, arrival_log arrivals);

/// The steady clock in nanoseconds.
int64_t now_ns();

} // namespace troupe::bench

#pragma once

// How the orchestrator's parts build and send their trace events: one
// place, so every event of a run has the same run id, time base and shape.

#include "runtime/orchestrator/orchestrator.hpp"

#include <boost/json.hpp>
#include <caf/stateful_actor.hpp>
#include <string>

namespace troupe::orchestration {

using orchestrator_ptr = caf::stateful_actor<orchestrator_state>*;

/// The span of the whole run, the parent of every step.
constexpr const char* run_span = "run";

/// An event of the run, "ok", with an empty attributes object.
trace_event make_event(orchestrator_ptr self, std::string kind, std::string span,
                       std::string parent);

/// Sends `ev` to the run's trace sink.
void emit(orchestrator_ptr self, trace_event ev);

boost::json::object& attrs(trace_event& ev);

/// An event about instance `i` of agent `id`, naming its node ("local" in
/// the run's process) and the instance.
trace_event instance_event(orchestrator_ptr self, const char* kind, const std::string& id,
                           size_t i);

} // namespace troupe::orchestration

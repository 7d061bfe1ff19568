#pragma once

#include "runtime/trace/trace_sink_actor.hpp"

#include <caf/actor_system.hpp>
#include <cstdint>

namespace troupe::bench {

/// A trace sink as a run spawns it (detached, serialising every event),
/// writing to /dev/null so the disk plays no part.
trace_sink_actor spawn_null_trace(caf::actor_system& sys);

/// Waits until `sink` has handled every event sent to it so far; returns
/// how long that took, in nanoseconds.
int64_t drain_trace(caf::actor_system& sys, const trace_sink_actor& sink);

} // namespace troupe::bench

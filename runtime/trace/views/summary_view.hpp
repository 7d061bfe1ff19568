#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <string>

namespace troupe {

/// `troupe trace FILE`: what the run was and what it cost. The run (scenario,
/// status, wall time, steps, agents); per step its executions, tasks, model
/// calls, tokens, cost and time, and the costliest step; how many items
/// each fan-out step handled; model calls with cache hits, retries and
/// failovers (with their reasons); cost by agent, route, provider and model;
/// what is left of each budget cap; every error.
std::string render_summary(const recorded_trace& trace);

} // namespace troupe

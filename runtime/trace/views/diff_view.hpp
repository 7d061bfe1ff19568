#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <string>

namespace troupe {

/// `troupe trace diff A B`: two runs of a scenario side by side. The runs
/// (status, wall time, steps, tasks, model calls, tokens, cost, retries,
/// failovers, inputs, prompts) with the change from A to B; each step's
/// executions, tasks, failures and calls, its cost and time with deltas in
/// percent; the provider/model that answered each step's calls where it
/// changed; and every task whose output changed or that only one run had,
/// compared as task_outcome.hpp says. Starts with a warning when the two
/// traces are of different scenarios.
std::string render_diff(const recorded_trace& a, const recorded_trace& b);

} // namespace troupe

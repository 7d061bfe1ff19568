#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <string>

namespace troupe {

/// `troupe trace export --format perfetto`: the run as Chrome Trace Event
/// JSON, which ui.perfetto.dev and chrome://tracing open. One process, the
/// run. An orchestrator track holds the run and its steps; each agent has a
/// track of its tasks with their model and tool calls nested below, and the
/// calls' attempts below those (tasks of an agent that overlapped get a
/// track each, as slices on one track must nest). Retries, failovers,
/// breaker changes, cache hits, budget refusals, loop-backs and reused
/// tasks are instants. Times are microseconds since the run started; every
/// slice carries its span id, status and attributes as args.
std::string export_perfetto(const recorded_trace& trace);

} // namespace troupe

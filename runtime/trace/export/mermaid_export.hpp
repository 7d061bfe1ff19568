#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <string>

namespace troupe {

/// `troupe trace export --format mermaid`: the run's messages as a Mermaid
/// sequenceDiagram, in time order. The orchestrator sends tasks to agents
/// and gets their results; an agent asks the router for a model call and
/// gets the answer back, naming the provider and model that gave it; an
/// agent queries its tools. Steps, retries, failovers, breaker changes,
/// cache hits, budget refusals and loop-backs are notes. Participant ids
/// are made safe for Mermaid (and never a keyword such as `end`), and
/// labels cannot break a line or a statement.
std::string export_mermaid(const recorded_trace& trace);

} // namespace troupe

#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <string>

namespace troupe {

/// `troupe trace export --format otlp`: the run as OTLP/JSON, one
/// ExportTraceServiceRequest on one line, as the OpenTelemetry collector's
/// otlpjsonfile receiver reads them. Resource attributes name the service
/// ("troupe"), the scenario and the run; every span of the run (run, steps,
/// tasks, model calls, attempts, tool calls) is a span named after the
/// OpenTelemetry GenAI conventions, with typed attributes; point events
/// (retries, failovers, cache hits, breaker changes, budget decisions,
/// loop-backs, reused tasks) are events of the span they happened in. Ids
/// are derived from the run id and span paths, so an export is stable.
std::string export_otlp(const recorded_trace& trace);

} // namespace troupe

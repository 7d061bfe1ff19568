#pragma once

#include "runtime/messages/trace_event.hpp"

#include <boost/json.hpp>
#include <cstdint>

namespace troupe {

/// Trace schema identifier written into every run_start event.
constexpr const char* trace_schema = "troupe.trace/1";

/// The JSONL form of one event: every trace line is built here and nowhere
/// else, so the format documented in docs/architecture.md has one source.
boost::json::object to_json(const trace_event& event);

/// Microseconds since the Unix epoch, the trace's timestamp unit.
int64_t now_us();

} // namespace troupe

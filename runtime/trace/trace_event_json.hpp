#pragma once

#include "runtime/messages/trace_event.hpp"

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <cstdint>

namespace troupe {

/// Trace schema identifier written into every run_start event.
constexpr const char* trace_schema = "troupe.trace/1";

/// The JSONL form of one event: every trace line is built here and nowhere
/// else, so the format documented in docs/architecture.md has one source.
boost::json::object to_json(const trace_event& event);

/// The latest time a trace holds, 9999-12-31T23:59:59.999999Z, and its
/// longest duration.
constexpr int64_t max_trace_time_us = 253402300799999999;

/// The event of one trace line, the inverse of to_json. Fails naming the
/// first field that is missing, has the wrong type or a value no trace
/// holds (see max_trace_time_us; no count or cost is negative); a line
/// without attributes gets an empty attributes object.
caf::expected<trace_event> from_json(const boost::json::object& line);

/// Microseconds since the Unix epoch, the trace's timestamp unit.
int64_t now_us();

} // namespace troupe

#pragma once

#include "runtime/messages/trace_event.hpp"

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// Trace schema identifier written into every run_start event.
constexpr const char* trace_schema = "troupe.trace/1";

/// Appends the JSONL form of one event, newline included: every trace line
/// is written here and nowhere else, so the format documented in
/// docs/trace-format.md has one source. Written straight from the event,
/// without building a JSON object first: the trace sink writes every event
/// of every run, and copying each into an object was most of its cost.
/// A number that is not finite (a model's 1e999) is written as null.
void append_json_line(const trace_event& event, std::string& out);

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

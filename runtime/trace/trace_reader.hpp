#pragma once

// Reads a trace.jsonl back for `troupe trace` and its views. Tolerant where
// a real trace can be damaged, strict everywhere else:
//   - a cut last line (a run killed while writing) is a warning; the events
//     before it are kept;
//   - any other line that is not a JSON object, or lacks a field every
//     event has, is an error naming the file and line;
//   - a trace of another schema than troupe.trace/1 is an error;
//   - a file that was appended to by several runs keeps the last run, with
//     a warning.
// No input makes it hold more than one line beyond max_line_bytes.

#include "runtime/trace/recorded_trace.hpp"

#include <caf/expected.hpp>
#include <cstddef>
#include <istream>
#include <string>

namespace troupe {

/// The longest line accepted. A model call with its prompt and answer is a
/// few hundred kilobytes; anything near this is not a Troupe trace.
constexpr std::size_t max_trace_line_bytes = std::size_t{64} << 20;

/// The error for line `line` of `name`, longer than `max_line_bytes`.
caf::error line_too_long(const std::string& name, std::size_t line,
                         std::size_t max_line_bytes);

/// The trace file `path` names: a trace.jsonl, or the one in a run folder.
std::string trace_file_path(const std::string& path);

/// Reads the trace at `path`: a trace.jsonl, or a run folder holding one.
caf::expected<recorded_trace> read_trace_file(const std::string& path);

/// Reads a trace from `in`; `name` is the file named in messages.
caf::expected<recorded_trace>
read_trace(std::istream& in, const std::string& name,
           std::size_t max_line_bytes = max_trace_line_bytes);

} // namespace troupe

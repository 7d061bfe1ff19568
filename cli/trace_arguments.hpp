#pragma once

#include "runtime/trace/views/message_filter.hpp"

#include <caf/expected.hpp>
#include <string>
#include <vector>

namespace troupe {

/// What `troupe trace` was asked for: which view of which trace file.
struct trace_arguments {
  std::string view = "summary"; // summary, tree, messages, timeline, export, diff
  std::string file;             // a trace.jsonl or a run folder
  std::string other_file;       // diff: the trace compared with `file`
  message_filter filter;        // messages
  bool json = false;            // messages: the events' own lines
  bool follow = false;          // messages: as the run writes them, to its end
  std::string color = "auto";   // tree: always, never, auto
  int width = 0;                // timeline: columns; 0 for $COLUMNS or 80
  std::string format;           // export: perfetto, otlp, mermaid
  std::string out;              // export: the file written; empty for stdout
};

/// Parses the arguments after `troupe trace`. Options take their value as
/// `--option VALUE` or `--option=VALUE`; an option of another view than
/// the one asked for is an error that names its view.
caf::expected<trace_arguments>
parse_trace_arguments(const std::vector<std::string>& args);

} // namespace troupe

#pragma once

#include "runtime/messages/trace_event.hpp"

#include <cstddef>
#include <string>

namespace troupe {

/// One event read back from a trace file, with where it came from: views
/// cite the line, and `--json` prints the line exactly as written.
struct recorded_event {
  std::size_t line = 0; // 1-based
  trace_event event;    // attributes always hold an object
  std::string text;     // the line as written, without its newline
};

} // namespace troupe

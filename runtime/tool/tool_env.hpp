#pragma once

#include "runtime/trace/trace_sink_actor.hpp"

namespace troupe {

/// What a tool is given when a run starts it, besides its spec: where its
/// calls are recorded, and whether the record may hold what was asked and
/// found (`--trace-content`).
struct tool_env {
  trace_sink_actor trace;
  bool capture_content = true;
};

} // namespace troupe

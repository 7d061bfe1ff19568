#pragma once

#include "runtime/tool/tool_instances.hpp"
#include "runtime/trace/trace_sink_actor.hpp"

#include <memory>

namespace troupe {

/// What a tool is given when a run starts it, besides its spec: where its
/// calls are recorded, whether the record may hold what was asked and
/// found (`--trace-content`), and the instances the process's runs share
/// (null: the run's tools share nothing).
struct tool_env {
  trace_sink_actor trace;
  bool capture_content = true;
  std::shared_ptr<tool_instances> shared;
};

} // namespace troupe

#pragma once

// The trace sink owns a run's trace file.
//   anyone --trace_event--> sink : appends one JSON line, flushed at once so
//                                  a killed run keeps everything written
//   anyone --flush--------> sink : answers with the number of events written
// When given a listener, the sink forwards each event to it (the CLI's
// progress printer listens this way).

#include "runtime/trace/trace_sink_actor.hpp"

#include <caf/actor.hpp>
#include <caf/expected.hpp>
#include <cstdint>
#include <cstdio>
#include <string>

namespace troupe {

struct trace_sink_state {
  static inline const char* name = "trace_sink";
  std::FILE* file = nullptr;
  int64_t written = 0;
  caf::actor listener;
  ~trace_sink_state();
};

/// Spawn detached: file writes must not stall a scheduler thread. `file`
/// must be open for writing; the sink closes it when it terminates.
trace_sink_actor::behavior_type
trace_sink(trace_sink_actor::stateful_pointer<trace_sink_state> self, std::FILE* file,
           caf::actor listener);

/// Opens `path` for appending, for use with trace_sink.
caf::expected<std::FILE*> open_trace_file(const std::string& path);

} // namespace troupe

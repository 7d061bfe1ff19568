#pragma once

// The trace sink owns a run's trace file.
//   anyone --trace_event--> sink : appends one JSON line to a buffer
//   anyone --flush--------> sink : writes the buffer out; answers with the
//                                  number of events written, or why not
// Writes are batched, yet nothing waits long: the buffer goes to the file at
// every run and step boundary and at most `flush_interval` after an event,
// so a killed run keeps all but its last moments, and `troupe trace
// --follow` sees a run as it goes.
// When given a listener, the sink forwards each event to it (the CLI's
// progress printer listens this way).

#include "runtime/trace/trace_sink_actor.hpp"

#include <caf/actor.hpp>
#include <caf/expected.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace troupe {

/// The longest an event waits in the buffer.
constexpr std::chrono::milliseconds flush_interval{200};

/// The sink's own handle: the public interface plus its flush timer.
using trace_sink_impl_actor = trace_sink_actor::extend<caf::reacts_to<tick_atom>>;

struct trace_sink_state {
  static inline const char* name = "trace_sink";
  std::FILE* file = nullptr;
  std::string buffer; // serialised lines not yet written
  int64_t written = 0;
  bool timer_set = false;
  std::string write_error; // the first failure to write, kept for flush
  caf::actor listener;
  ~trace_sink_state();
};

/// Spawn it on the scheduler (a run's sink has no thread of its own): it
/// writes in batches to the page cache and never syncs, so it does not wait
/// for the disk. `file`
/// must be open for writing, or null for a run without a trace file (the
/// listener still gets every event); the sink closes it when it terminates.
trace_sink_impl_actor::behavior_type
trace_sink(trace_sink_impl_actor::stateful_pointer<trace_sink_state> self,
           std::FILE* file, caf::actor listener);

/// Creates (or empties) `path`, for use with trace_sink: a run that reuses
/// an output folder replaces its trace, as it replaces its report. With
/// `append`, a resumed run's events follow those of its first part.
caf::expected<std::FILE*> open_trace_file(const std::string& path, bool append = false);

} // namespace troupe

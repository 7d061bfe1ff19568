#pragma once

// Reads a trace while a run is writing it, for `troupe trace messages
// --follow`. The trace sink writes whole lines at step boundaries and at
// least every 200 ms, but a write may still end inside a line: the follower
// keeps a line's beginning until its newline arrives, so every event is
// handed on once, whole, in file order.

#include "runtime/trace/trace_builder.hpp"

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace troupe {

/// How often a follower looks at the file, and how long it waits for the
/// file to appear (a run that has not started yet).
struct follow_options {
  std::chrono::milliseconds poll_interval{100};
  std::chrono::milliseconds appear_timeout{30000};
};

class trace_follower {
public:
  using event_handler = std::function<void(const recorded_event&)>;

  /// `path` is a trace.jsonl or a run folder, neither of which needs to
  /// exist yet.
  explicit trace_follower(std::string path, follow_options options = {});

  /// Hands each event to `on_event` as its line completes, polling the
  /// file, until the run_end event. Fails when the file does not appear in
  /// time, cannot be read, or holds a line that is not a trace event.
  caf::error follow(const event_handler& on_event);

  /// Looks once: hands on the events of the lines completed since the last
  /// look; true once run_end was handed on, false while the file does not
  /// exist yet. A file that shrank was replaced by a new run in the same
  /// folder, which is read from its start (when the new run grew past
  /// where the old one was read to between two looks, its first lines
  /// are not JSON from there: an error).
  caf::expected<bool> poll(const event_handler& on_event);

private:
  bool find_file();
  caf::expected<bool> read_appended(const event_handler& on_event);
  /// Hands on the complete lines of `pending_`; true at run_end.
  caf::expected<bool> take_lines(const event_handler& on_event);

  std::string path_;
  follow_options options_;
  std::string file_;                     // the trace file, once it exists
  std::optional<trace_builder> builder_; // the lines read so far
  std::string pending_;                  // a line's beginning, without its newline
  std::uintmax_t offset_ = 0;            // bytes of the file read so far
  std::size_t line_ = 0;                 // complete lines read so far
};

} // namespace troupe

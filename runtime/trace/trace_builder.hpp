#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <cstddef>
#include <string>

namespace troupe {

/// Turns a trace's lines into a recorded_trace, one line at a time: the
/// reader of a whole file and the follower of a growing one check lines
/// the same way. A trace starts with a run_start of schema troupe.trace/1;
/// a later run_start (a file several runs appended to) starts over.
class trace_builder {
public:
  /// `name` is the file named in errors and warnings.
  explicit trace_builder(std::string name);

  /// Adds line number `line` (1-based), given without its newline. Fails
  /// naming the file and line when the text is not a JSON object, lacks a
  /// field every event has, or does not fit where it stands. When given,
  /// `cut` says whether the text is the beginning of a JSON value, as a
  /// line the writer never finished is.
  caf::error add(std::size_t line, std::string text, bool* cut = nullptr);

  void warn(std::string text);

  /// What was added so far.
  const recorded_trace& trace() const noexcept { return trace_; }

  /// The trace; fails when it holds no event.
  caf::expected<recorded_trace> finish();

private:
  recorded_trace trace_;
  int runs_ = 0;
};

} // namespace troupe

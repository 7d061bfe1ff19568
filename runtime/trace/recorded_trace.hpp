#pragma once

#include "runtime/trace/recorded_event.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// The events of one run as read from its trace file, in file order (which
/// is not time order: a model call is written when it ends, stamped when it
/// started), and what the reader had to warn about. The reader only makes
/// traces whose first event is a run_start; the views rely on that.
struct recorded_trace {
  std::string file;
  std::vector<recorded_event> events;
  std::vector<std::string> warnings;

  /// The first event of `kind`, or nullptr; a killed run has no run_end.
  const trace_event* first(std::string_view kind) const;

  /// Every event of `kind`, in file order.
  std::vector<const trace_event*> of_kind(std::string_view kind) const;

  /// When the run started: the zero of every view's clock.
  int64_t start_us() const;

  /// When the run ended: run_end's time, or the latest end of any event
  /// when the run did not finish.
  int64_t end_us() const;
};

/// When `event` ended. What is written when it finishes (result,
/// step_end, run_end) is stamped then, its duration reaching back; a
/// model call, attempt or tool call is stamped when it started.
int64_t end_of(const trace_event& event);

} // namespace troupe

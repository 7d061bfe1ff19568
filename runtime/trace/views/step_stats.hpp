#pragma once

#include "runtime/trace/recorded_trace.hpp"
#include "runtime/trace/views/call_usage.hpp"
#include "runtime/trace/views/ordered_map.hpp"

#include <cstdint>

namespace troupe {

/// One step of a run over all its executions (loop rounds run a step
/// again): what the summary and the diff report per step.
struct step_stats {
  int64_t runs = 0;
  int64_t tasks = 0;  // first sends
  int64_t resent = 0; // sent again: after a timeout, a restart or a lost node
  int64_t items = 0;  // tasks of a for_each step, one per item
  int64_t answered = 0;
  int64_t failed = 0;
  int64_t reused = 0;
  int64_t time_us = 0;
  call_usage model;
  ordered_map<int64_t> targets; // model calls by the provider/model that answered

  /// Counts one event on the step's spans.
  void count(const trace_event& ev);
};

/// The steps of `trace`, in the order they first ran.
ordered_map<step_stats> collect_steps(const recorded_trace& trace);

} // namespace troupe

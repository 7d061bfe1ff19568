#pragma once

#include "runtime/trace/views/span_tree.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace troupe {

/// A span as the exports draw it: an interval with a name, made from a
/// span_tree node whose first event opens one (run_start, step_start, task,
/// model_call, model_attempt, tool_call). Nodes of point events (retry,
/// failover, cache hit, breaker, budget bookkeeping, a reused task) are no
/// spans: the exports draw them as instants or as events of a span.
struct trace_span {
  const span_node* node = nullptr;
  const trace_event* head = nullptr;    // the event that opened it
  const trace_event* closing = nullptr; // result, step_end, run_end; a call's own
                                        // event; null when it never closed
  int64_t start_us = 0;
  int64_t end_us = 0; // the trace's end for a span that never closed
  std::string name;   // OpenTelemetry GenAI names: "invoke_agent summarize",
                      // "chat gpt-4o-mini", "execute_tool corpus"

  /// Whether it closed with status ok (a run: succeeded).
  bool ok() const;

  /// Why it failed: its closing event's error.message, else its status.
  std::string error_text() const;

  /// Whether `event` is the head or closing event, which the span itself
  /// stands for; the node's other events (a step's loop-back) are not.
  bool stands_for(const trace_event& event) const;
};

/// The span of `node`, or none for a node of point events. `trace_end_us`
/// ends what never closed (a cut trace, a run still going).
std::optional<trace_span> span_of(const span_node& node, int64_t trace_end_us);

} // namespace troupe

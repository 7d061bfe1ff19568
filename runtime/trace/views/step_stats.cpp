#include "runtime/trace/views/step_stats.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/span_path.hpp"
#include "runtime/trace/views/event_text.hpp"
#include "runtime/trace/views/saturated.hpp"

namespace troupe {

void step_stats::count(const trace_event& ev) {
  if (ev.kind == "step_start") {
    ++runs;
  } else if (ev.kind == "step_end") {
    time_us = saturated_sum(time_us, ev.duration_us);
  } else if (ev.kind == "task" && int_at(ev.attributes, "attempt") > 1) {
    ++resent;
  } else if (ev.kind == "task") {
    ++tasks;
    items += value_at(ev.attributes, "item_index").is_null() ? 0 : 1;
  } else if (ev.kind == "task_reused") {
    ++reused;
  } else if (ev.kind == "result") {
    ++(ev.status == "ok" ? answered : failed);
  } else if (ev.kind == "model_call") {
    model.add(ev);
    ++targets[answering_target(ev)];
  }
}

ordered_map<step_stats> collect_steps(const recorded_trace& trace) {
  ordered_map<step_stats> steps;
  for (const auto& e : trace.events) {
    auto step = step_of_span(e.event.span_id);
    if (!step.empty())
      steps[step].count(e.event);
  }
  return steps;
}

} // namespace troupe

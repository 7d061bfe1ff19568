#include "runtime/trace/recorded_trace.hpp"

#include <algorithm>

namespace troupe {

const trace_event* recorded_trace::first(std::string_view kind) const {
  for (const auto& e : events)
    if (e.event.kind == kind)
      return &e.event;
  return nullptr;
}

std::vector<const trace_event*> recorded_trace::of_kind(std::string_view kind) const {
  std::vector<const trace_event*> out;
  for (const auto& e : events)
    if (e.event.kind == kind)
      out.push_back(&e.event);
  return out;
}

int64_t recorded_trace::start_us() const {
  const auto* start = first("run_start");
  return start ? start->ts_us : events.front().event.ts_us;
}

int64_t recorded_trace::end_us() const {
  if (const auto* end = first("run_end"))
    return end->ts_us;
  int64_t last = start_us();
  for (const auto& e : events)
    last = std::max(last, end_of(e.event));
  return last;
}

int64_t end_of(const trace_event& event) {
  bool stamped_at_end =
      event.kind == "result" || event.kind == "step_end" || event.kind == "run_end";
  return stamped_at_end ? event.ts_us : event.ts_us + event.duration_us;
}

} // namespace troupe

#include "runtime/orchestrator/orchestrator_events.hpp"

#include "runtime/trace/event_attributes.hpp"
#include "runtime/trace/trace_event_json.hpp"

namespace troupe::orchestration {

trace_event make_event(orchestrator_ptr self, std::string kind, std::string span,
                       std::string parent) {
  trace_event ev;
  ev.kind = std::move(kind);
  ev.ts_us = now_us();
  ev.run_id = self->state.plan.run_id;
  ev.span_id = std::move(span);
  ev.parent_span = std::move(parent);
  ev.status = "ok";
  set_attributes(ev, event_object());
  return ev;
}

void emit(orchestrator_ptr self, trace_event ev) {
  self->send(self->state.plan.trace, std::move(ev));
}

boost::json::object& attrs(trace_event& ev) {
  return ev.attributes.as_object();
}

trace_event instance_event(orchestrator_ptr self, const char* kind, const std::string& id,
                           size_t i) {
  auto& st = self->state;
  // Before the first step the event is the run's own; then the step's.
  auto ev = st.step_span.empty() ? make_event(self, kind, run_span, "")
                                 : make_event(self, kind, st.step_span, run_span);
  ev.from = id;
  const auto& inst = st.agents.at(id).instances()[i];
  attrs(ev)["troupe.node"] = inst.node.empty() ? "local" : inst.node;
  attrs(ev)["instance"] = i;
  return ev;
}

} // namespace troupe::orchestration

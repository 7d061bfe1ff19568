#include "runtime/trace/export/trace_span.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/span_path.hpp"

#include <algorithm>

namespace troupe {

namespace {

bool opens_span(const std::string& kind) {
  return kind == "run_start" || kind == "step_start" || kind == "task";
}

bool is_call(const std::string& kind) {
  return kind == "model_call" || kind == "model_attempt" || kind == "tool_call";
}

bool closes_span(const std::string& kind) {
  return kind == "result" || kind == "step_end" || kind == "run_end";
}

std::string or_else(std::string text, std::string fallback) {
  return text.empty() ? fallback : text;
}

std::string name_of(const trace_event& head) {
  const auto& a = head.attributes;
  if (head.kind == "run_start")
    return or_else(string_at(a, "scenario"), "run");
  if (head.kind == "step_start")
    return or_else(string_at(a, "step"), std::string{span_leaf(head.span_id)});
  if (head.kind == "task")
    return "invoke_agent " + head.to;
  if (head.kind == "model_call")
    return or_else(string_at(a, "gen_ai.operation.name"), "chat") + " " +
           string_at(a, "gen_ai.request.model");
  if (head.kind == "model_attempt")
    return "attempt " + string_at(a, "gen_ai.provider.name") + "/" +
           string_at(a, "gen_ai.request.model");
  return "execute_tool " + or_else(string_at(a, "gen_ai.tool.name"), head.to);
}

} // namespace

bool trace_span::ok() const {
  return closing != nullptr &&
         (closing->status == "ok" || closing->status == "succeeded");
}

std::string trace_span::error_text() const {
  if (closing == nullptr)
    return "unfinished";
  return or_else(string_at(closing->attributes, "error.message"), closing->status);
}

bool trace_span::stands_for(const trace_event& event) const {
  return &event == head || &event == closing;
}

std::optional<trace_span> span_of(const span_node& node, int64_t trace_end_us) {
  const auto& head = node.events.front()->event;
  if (!opens_span(head.kind) && !is_call(head.kind))
    return std::nullopt;
  trace_span out;
  out.node = &node;
  out.head = &head;
  out.start_us = head.ts_us;
  out.name = name_of(head);
  if (is_call(head.kind)) {
    out.closing = &head;
    out.end_us = head.ts_us + head.duration_us;
  } else {
    for (const auto* e : node.events)
      if (closes_span(e->event.kind))
        out.closing = &e->event;
    out.end_us = out.closing ? out.closing->ts_us : trace_end_us;
  }
  out.end_us = std::max(out.end_us, out.start_us);
  return out;
}

} // namespace troupe

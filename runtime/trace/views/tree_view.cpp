#include "runtime/trace/views/tree_view.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/span_path.hpp"
#include "runtime/trace/views/event_text.hpp"
#include "runtime/trace/views/span_tree.hpp"
#include "runtime/trace/views/view_text.hpp"

#include <algorithm>

namespace troupe {

namespace {

// Deeper spans are drawn at this depth: a real tree is six levels deep.
constexpr std::size_t max_indent_depth = 24;

/// Wraps text in an ANSI colour when colours are on.
struct painter {
  bool on;
  std::string operator()(const char* code, const std::string& text) const {
    return on && !text.empty() ? "\033[" + std::string{code} + "m" + text + "\033[0m"
                               : text;
  }
};

bool is_closing(const std::string& kind) {
  return kind == "result" || kind == "step_end" || kind == "run_end";
}

bool is_budget_bookkeeping(const span_node& node) {
  return std::all_of(node.events.begin(), node.events.end(), [](const auto* e) {
    return e->event.kind == "budget_reserve" || e->event.kind == "budget_settle";
  });
}

std::string cached_note(const trace_event& call) {
  return from_cache(call) ? ", from the cache" : "";
}

std::string head_label(const trace_event& ev) {
  const auto& a = ev.attributes;
  if (ev.kind == "run_start")
    return string_at(a, "scenario") + ", run " + ev.run_id;
  if (ev.kind == "task")
    return "task -> " + ev.to +
           (value_at(a, "item_index").is_null()
                ? ""
                : ", item " + std::to_string(int_at(a, "item_index")));
  if (ev.kind == "model_call" && ev.to.empty())
    return ev.from + " -> route " + string_at(a, "troupe.route") + ": no target answered";
  if (ev.kind == "model_call")
    return ev.from + " -> " + ev.to + "/" + answering_model(ev) + ", " +
           std::to_string(ev.input_tokens) + "+" + std::to_string(ev.output_tokens) +
           " tokens" + cached_note(ev);
  if (ev.kind == "tool_call")
    return ev.from + " -> " + ev.to + ": " + describe_event(ev);
  return describe_event(ev);
}

/// Spans that open and close (or succeed and fail) say their status at the
/// end of their line; an attempt's or a retry's outcome is in its label.
bool has_status(const trace_event& head) {
  return head.kind == "run_start" || head.kind == "step_start" || head.kind == "task" ||
         head.kind == "model_call" || head.kind == "tool_call";
}

/// The status of the span's last closing event; a run, step or task that
/// has none never finished (or the trace was cut).
std::string final_status(const span_node& node) {
  const auto& head = node.events.front()->event;
  bool opens =
      head.kind == "run_start" || head.kind == "step_start" || head.kind == "task";
  auto status = opens ? std::string{"unfinished"} : head.status;
  for (const auto* e : node.events)
    if (is_closing(e->event.kind))
      status = e->event.status;
  return status;
}

/// The span's own line: its head event (the first written), its longest
/// duration, its subtree's cost and its final status.
std::string node_line(const span_node& node, const painter& paint) {
  const auto& head = node.events.front()->event;
  int64_t duration = 0;
  for (const auto* e : node.events)
    duration = std::max(duration, e->event.duration_us);
  auto status = final_status(node);
  auto failed = (status != "ok" && status != "succeeded" && !status.empty()) ||
                head.kind == "failover";
  auto label = terminal_safe(head_label(head));
  auto line = paint("1", terminal_safe(span_leaf(node.id))) + "  " +
              (failed && !has_status(head) ? paint("31", label) : label);
  if (duration > 0)
    line += "  " + paint("2", duration_text(duration));
  if (node.cost_usd > 0 || head.kind == "run_start")
    line += "  " + paint("33", usd_text(node.cost_usd));
  if (has_status(head) && status != "ok")
    line += "  " + paint(failed ? "31" : "32", terminal_safe(status));
  return line;
}

/// Events on the span besides its head and closing one: a step's
/// loop-back, an agent that went down.
std::string extra_lines(const span_node& node, const std::string& indent,
                        const painter& paint) {
  std::string out;
  for (std::size_t i = 1; i < node.events.size(); ++i) {
    const auto& ev = node.events[i]->event;
    if (!is_closing(ev.kind))
      out += indent + "  " + paint("36", terminal_safe(ev.kind)) + "  " +
             describe_event(ev) + "\n";
  }
  return out;
}

} // namespace

std::string render_tree(const recorded_trace& trace, bool color) {
  span_tree tree{trace};
  painter paint{color};
  std::string out;
  // A span's other events (a loop-back) come after everything below it.
  std::vector<std::pair<std::size_t, std::string>> pending; // depth, lines
  auto flush_to = [&](std::size_t depth) {
    for (; !pending.empty() && pending.back().first >= depth; pending.pop_back())
      out += pending.back().second;
  };
  for (auto index : tree.depth_first()) {
    const auto& node = tree.node(index);
    flush_to(node.depth);
    if (is_budget_bookkeeping(node))
      continue;
    std::string indent(2 * std::min(node.depth, max_indent_depth), ' ');
    out += indent + node_line(node, paint) + "\n";
    if (auto extra = extra_lines(node, indent, paint); !extra.empty())
      pending.emplace_back(node.depth, std::move(extra));
  }
  flush_to(0);
  return out;
}

} // namespace troupe

#include "runtime/trace/export/mermaid_export.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/text/utf8.hpp"
#include "runtime/trace/span_path.hpp"
#include "runtime/trace/views/event_text.hpp"
#include "runtime/trace/views/view_text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace troupe {

namespace {

// Longer labels are cut: a diagram is for reading, the trace has the rest.
constexpr std::size_t max_label_bytes = 120;

const char* const orchestrator = "orchestrator";
const char* const router = "router";

/// A label Mermaid shows as written: no line breaks or control characters,
/// and the characters that end a statement or start markup as entity codes.
std::string label(const std::string& text) {
  static const std::map<char, const char*> codes{
      {';', "#59;"}, {'#', "#35;"}, {'<', "#lt;"}, {'>', "#gt;"}};
  std::string out;
  for (char c : terminal_safe(utf8_prefix(text, max_label_bytes))) {
    auto code = codes.find(c);
    out += code == codes.end() ? std::string(1, c) : std::string{code->second};
  }
  return out;
}

bool is_keyword(const std::string& word) {
  static const std::set<std::string> keywords{
      "activate", "actor",          "alt",      "and",         "autonumber", "box",
      "break",    "create",         "critical", "deactivate",  "destroy",    "else",
      "end",      "left",           "link",     "links",       "loop",       "note",
      "opt",      "over",           "par",      "participant", "rect",       "right",
      "title",    "sequencediagram"};
  std::string lower;
  for (char c : word)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return keywords.count(lower) > 0;
}

/// The participants, in the order declared, with ids Mermaid accepts.
class participants {
public:
  const std::string& id(const std::string& name) {
    auto found = ids_.find(name);
    if (found != ids_.end())
      return found->second;
    std::string base;
    for (char c : name)
      base += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    if (base.empty() || std::isdigit(static_cast<unsigned char>(base[0])) ||
        is_keyword(base))
      base = "p_" + base;
    auto id = base;
    for (int n = 2; taken_.count(id); ++n)
      id = base + "_" + std::to_string(n);
    taken_.insert(id);
    order_.push_back(name);
    return ids_.emplace(name, id).first->second;
  }

  std::string declarations() const {
    std::string out;
    for (const auto& name : order_) {
      const auto& id = ids_.at(name);
      out += "  participant " + id + (id == name ? "" : " as " + label(name)) + "\n";
    }
    return out;
  }

private:
  std::map<std::string, std::string> ids_;
  std::set<std::string> taken_;
  std::vector<std::string> order_;
};

/// A line of the diagram and when it happened.
struct diagram_line {
  int64_t ts;
  std::string text;
};

class diagram {
public:
  explicit diagram(const recorded_trace& trace) {
    // Declared in this order: who sends tasks, who does them, who serves them.
    names_.id(orchestrator);
    for (const auto* task : trace.of_kind("task"))
      names_.id(task->to);
    if (trace.first("model_call") != nullptr)
      names_.id(router);
    for (const auto* call : trace.of_kind("tool_call"))
      names_.id(call->to);
    for (const auto& e : trace.events)
      add(e.event);
  }

  std::string render() {
    std::stable_sort(lines_.begin(), lines_.end(),
                     [](const auto& a, const auto& b) { return a.ts < b.ts; });
    auto out = "sequenceDiagram\n" + names_.declarations();
    for (const auto& line : lines_)
      out += "  " + line.text + "\n";
    return out;
  }

private:
  void arrow(int64_t ts, const std::string& from, const char* kind, const std::string& to,
             const std::string& text) {
    lines_.push_back({ts, names_.id(from) + kind + names_.id(to) + ": " + label(text)});
  }

  void note(int64_t ts, const std::string& over, const std::string& text) {
    lines_.push_back({ts, "Note over " + names_.id(over) + ": " + label(text)});
  }

  /// "t2: ", the task an event was for: parallel tasks make parallel calls.
  static std::string task_tag(const trace_event& ev) {
    auto task = span_leaf(task_span_of(ev.span_id));
    return task.empty() ? "" : std::string{task} + ": ";
  }

  static const char* reply(const trace_event& ev) {
    return ev.status == "ok" ? "-->>" : "--x";
  }

  void model_call(const trace_event& ev) {
    const auto& a = ev.attributes;
    arrow(ev.ts_us, ev.from, "->>", router,
          task_tag(ev) + string_at(a, "troupe.operation") + " on route " +
              string_at(a, "troupe.route"));
    auto answer =
        ev.to.empty() ? "no target answered" : ev.to + "/" + answering_model(ev);
    arrow(ev.ts_us + ev.duration_us, router, reply(ev), ev.from,
          task_tag(ev) + answer + ", " + std::to_string(ev.input_tokens) + "+" +
              std::to_string(ev.output_tokens) + " tokens, " + usd_text(ev.cost_usd) +
              (from_cache(ev) ? ", from the cache" : ""));
  }

  void tool_call(const trace_event& ev) {
    arrow(ev.ts_us, ev.from, "->>", ev.to,
          "execute_tool " + string_at(ev.attributes, "gen_ai.tool.name"));
    arrow(ev.ts_us + ev.duration_us, ev.to, reply(ev), ev.from, describe_event(ev));
  }

  void add(const trace_event& ev) {
    if (ev.kind == "task")
      arrow(ev.ts_us, orchestrator, "->>", ev.to, describe_event(ev));
    else if (ev.kind == "result")
      arrow(ev.ts_us, ev.from, reply(ev), orchestrator, describe_event(ev));
    else if (ev.kind == "model_call")
      model_call(ev);
    else if (ev.kind == "tool_call")
      tool_call(ev);
    else
      add_note(ev);
  }

  /// The router's decisions are notes over the router, the rest over the
  /// orchestrator (an agent going down, over the agent). Attempts, budget
  /// bookkeeping and a step's end are left out: the arrows say enough.
  void add_note(const trace_event& ev) {
    static const std::set<std::string> left_out{"model_attempt", "budget_reserve",
                                                "budget_settle", "step_end"};
    static const std::set<std::string> by_router{"retry", "failover", "breaker",
                                                 "cache_hit", "budget_refused"};
    static const std::map<std::string, std::string> prefixes{
        {"failover", "failover "},
        {"budget_refused", "budget refused "},
        {"loop_back", "loop back "},
        {"loop_back_refused", "loop back "}};
    if (left_out.count(ev.kind))
      return;
    auto prefix = prefixes.count(ev.kind) ? prefixes.at(ev.kind) : "";
    if (ev.kind == "run_start")
      prefix = "run " + ev.run_id + " of ";
    if (by_router.count(ev.kind))
      note(ev.ts_us, router, task_tag(ev) + prefix + describe_event(ev));
    else
      note(ev.ts_us, ev.kind == "agent_down" && !ev.from.empty() ? ev.from : orchestrator,
           prefix + describe_event(ev));
  }

  participants names_;
  std::vector<diagram_line> lines_;
};

} // namespace

std::string export_mermaid(const recorded_trace& trace) {
  return diagram{trace}.render();
}

} // namespace troupe

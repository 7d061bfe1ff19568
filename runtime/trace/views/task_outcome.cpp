#include "runtime/trace/views/task_outcome.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/span_path.hpp"
#include "runtime/trace/views/event_text.hpp"
#include "runtime/trace/views/saturated.hpp"
#include "runtime/trace/views/view_text.hpp"

#include <map>

namespace troupe {

namespace {

/// The step span a task span lies in: the task's id without its last part.
std::string step_span_of(const std::string& task_span) {
  return task_span.substr(0, task_span.rfind('/'));
}

std::string label_of(const std::string& task_span, int64_t round) {
  return step_of_span(task_span) + "/" + std::string{span_leaf(task_span)} +
         (round > 0 ? " round " + std::to_string(round) : "");
}

/// What the calls made for a task say about its answer.
std::string evidence_of(int64_t hits, bool searched, int64_t tokens, bool asked_model) {
  std::string out = searched ? count_text(hits, "hit") : "";
  if (asked_model)
    out += (out.empty() ? "" : ", ") + std::to_string(tokens) + " answer tokens";
  return out.empty() ? "no calls" : out;
}

void add_result(task_outcome& task, const trace_event& result) {
  const auto& a = result.attributes;
  task.status = result.status;
  task.hash = string_at(a, "troupe.output.hash");
  task.bytes = int_at(a, "troupe.output.bytes");
  task.output = a.as_object().if_contains("output");
  if (task.output != nullptr && task.bytes == 0) // a trace from before output.bytes
    task.bytes = static_cast<int64_t>(boost::json::serialize(*task.output).size());
}

/// Counts the tool and model calls of each task into its evidence.
void add_evidence(const recorded_trace& trace, ordered_map<task_outcome>& tasks) {
  struct calls {
    int64_t hits = 0, tokens = 0;
    bool searched = false, asked = false;
  };
  std::map<std::string, calls, std::less<>> by_task;
  for (const auto& e : trace.events) {
    const auto& ev = e.event;
    auto& c = by_task[std::string{task_span_of(ev.span_id)}];
    if (ev.kind == "tool_call") {
      c.searched = true;
      c.hits = saturated_sum(c.hits, hit_count(ev));
    } else if (ev.kind == "model_call") {
      c.asked = true;
      c.tokens = saturated_sum(c.tokens, ev.output_tokens);
    }
  }
  for (auto& [span, task] : tasks.values) {
    const auto& c = by_task[span];
    task.evidence = evidence_of(c.hits, c.searched, c.tokens, c.asked);
  }
}

std::string size_text(const task_outcome& t) {
  return std::to_string(t.bytes) + " bytes";
}

} // namespace

ordered_map<task_outcome> collect_task_outcomes(const recorded_trace& trace) {
  std::map<std::string, int64_t> rounds; // of each step span
  ordered_map<task_outcome> by_span;
  for (const auto& e : trace.events) {
    const auto& ev = e.event;
    if (ev.kind == "step_start")
      rounds[ev.span_id] = int_at(ev.attributes, "round");
    if (ev.kind == "task") {
      auto& task = by_span[ev.span_id];
      task.label = label_of(ev.span_id, rounds[step_span_of(ev.span_id)]);
      task.status = "unfinished";
    } else if (ev.kind == "result" && by_span.find(ev.span_id) != nullptr) {
      add_result(by_span[ev.span_id], ev);
    }
  }
  add_evidence(trace, by_span);
  ordered_map<task_outcome> out; // keyed by label, which matches across runs
  for (const auto& span : by_span.keys)
    out[by_span.values.at(span).label] = by_span.values.at(span);
  return out;
}

outcome_comparison compare_outcomes(const task_outcome& a, const task_outcome& b) {
  if (a.output != nullptr && b.output != nullptr)
    return {"output", size_text(a), size_text(b), *a.output == *b.output};
  if (!a.hash.empty() && !b.hash.empty())
    return {"output hash", a.hash.substr(0, 8) + ", " + size_text(a),
            b.hash.substr(0, 8) + ", " + size_text(b), a.hash == b.hash};
  return {"hits, tokens", a.evidence, b.evidence, a.evidence == b.evidence};
}

} // namespace troupe

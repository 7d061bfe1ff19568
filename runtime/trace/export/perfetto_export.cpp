#include "runtime/trace/export/perfetto_export.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/export/trace_span.hpp"
#include "runtime/trace/span_path.hpp"
#include "runtime/trace/views/event_text.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

namespace troupe {

namespace {

namespace json = boost::json;

constexpr int run_pid = 1;
constexpr int orchestrator_tid = 1;

bool is_instant(const std::string& kind) {
  static const std::set<std::string> kinds{
      "retry",     "failover",          "breaker",    "budget_refused", "cache_hit",
      "loop_back", "loop_back_refused", "agent_down", "task_reused"};
  return kinds.count(kind) > 0;
}

/// The tracks: the orchestrator's, then each agent's, one per task that
/// overlapped the agent's other tasks.
class track_plan {
public:
  explicit track_plan(const std::vector<trace_span>& tasks) {
    names_.push_back("orchestrator");
    std::vector<std::string> agents;
    for (const auto& t : tasks)
      if (std::find(agents.begin(), agents.end(), t.head->to) == agents.end())
        agents.push_back(t.head->to);
    for (const auto& agent : agents)
      place(agent, tasks);
  }

  /// The track of what happened within the task of `span`; the
  /// orchestrator's for the run's and the steps' own spans.
  int tid_of(std::string_view span) const {
    auto found = tid_of_task_.find(task_span_of(span));
    return found == tid_of_task_.end() ? orchestrator_tid : found->second;
  }

  const std::vector<std::string>& names() const noexcept { return names_; }

private:
  /// First fit: a task goes on the agent's first track free when it starts.
  void place(const std::string& agent, const std::vector<trace_span>& tasks) {
    std::vector<int64_t> track_ends;
    auto first_tid = static_cast<int>(names_.size()) + 1;
    for (const auto& t : tasks) {
      if (t.head->to != agent)
        continue;
      auto free = std::find_if(track_ends.begin(), track_ends.end(),
                               [&](int64_t end) { return end <= t.start_us; });
      if (free == track_ends.end())
        free = track_ends.insert(track_ends.end(), t.end_us);
      *free = t.end_us;
      tid_of_task_.emplace(t.head->span_id,
                           first_tid + static_cast<int>(free - track_ends.begin()));
    }
    for (std::size_t i = 0; i < track_ends.size(); ++i)
      names_.push_back(i == 0 ? agent : agent + " (" + std::to_string(i + 1) + ")");
  }

  std::vector<std::string> names_; // of tid 1, 2, ...
  std::map<std::string, int, std::less<>> tid_of_task_;
};

json::object args_of(const trace_event& ev) {
  json::object args{{"span_id", ev.span_id}, {"status", ev.status}};
  if (ev.cost_usd > 0)
    args["cost_usd"] = ev.cost_usd;
  if (ev.input_tokens > 0 || ev.output_tokens > 0) {
    args["gen_ai.usage.input_tokens"] = ev.input_tokens;
    args["gen_ai.usage.output_tokens"] = ev.output_tokens;
  }
  if (const auto* attributes = ev.attributes.if_object())
    for (const auto& [key, value] : *attributes)
      args[key] = value;
  return args;
}

/// A slice and where it sorts: by start, the longer first, so that a
/// parent comes before the children that start with it.
struct placed_event {
  int64_t ts = 0;
  int64_t dur = 0;
  json::object json;
};

placed_event slice(const trace_span& span, int tid, int64_t zero_us) {
  auto args = args_of(*span.head);
  if (span.closing != nullptr && span.closing != span.head)
    for (auto& [key, value] : args_of(*span.closing))
      args[key] = value;
  if (span.closing == nullptr)
    args["status"] = "unfinished";
  auto ts = span.start_us - zero_us;
  auto dur = span.end_us - span.start_us;
  return {ts, dur,
          json::object{{"name", span.name},
                       {"cat", span.head->kind},
                       {"ph", "X"},
                       {"ts", ts},
                       {"dur", dur},
                       {"pid", run_pid},
                       {"tid", tid},
                       {"args", std::move(args)}}};
}

placed_event instant(const trace_event& ev, int tid, int64_t zero_us) {
  auto args = args_of(ev);
  args["what"] = describe_event(ev);
  auto ts = ev.ts_us - zero_us;
  return {ts, 0,
          json::object{{"name", ev.kind},
                       {"cat", ev.kind},
                       {"ph", "i"},
                       {"s", "t"},
                       {"ts", ts},
                       {"pid", run_pid},
                       {"tid", tid},
                       {"args", std::move(args)}}};
}

json::object metadata(const char* name, int tid, json::object args) {
  return {{"name", name},   {"ph", "M"},  {"ts", 0},
          {"pid", run_pid}, {"tid", tid}, {"args", args}};
}

std::vector<json::object> track_names(const recorded_trace& trace,
                                      const track_plan& tracks) {
  const auto& start = *trace.first("run_start");
  auto process = string_at(start.attributes, "scenario") + " run " + start.run_id;
  std::vector<json::object> out{metadata("process_name", 0, {{"name", process}})};
  for (std::size_t i = 0; i < tracks.names().size(); ++i) {
    auto tid = static_cast<int>(i) + 1;
    out.push_back(metadata("thread_name", tid, {{"name", tracks.names()[i]}}));
    out.push_back(metadata("thread_sort_index", tid, {{"sort_index", tid}}));
  }
  return out;
}

} // namespace

std::string export_perfetto(const recorded_trace& trace) {
  span_tree tree{trace};
  std::vector<trace_span> spans;
  std::vector<trace_span> tasks;
  for (auto index : tree.depth_first())
    if (auto span = span_of(tree.node(index), trace.end_us())) {
      (span->head->kind == "task" ? tasks : spans).push_back(*span);
    }
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const auto& a, const auto& b) { return a.start_us < b.start_us; });
  track_plan tracks{tasks};
  auto zero = trace.start_us();
  std::vector<placed_event> placed;
  for (const auto* group : {&spans, &tasks})
    for (const auto& span : *group)
      placed.push_back(slice(span, tracks.tid_of(span.head->span_id), zero));
  for (const auto& e : trace.events)
    if (is_instant(e.event.kind))
      placed.push_back(instant(e.event, tracks.tid_of(e.event.span_id), zero));
  std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) {
    return a.ts != b.ts ? a.ts < b.ts : a.dur > b.dur;
  });
  // One event a line: a diff of two exports reads like a diff of traces.
  auto lines = track_names(trace, tracks);
  for (auto& p : placed)
    lines.push_back(std::move(p.json));
  std::string out = "{\"traceEvents\":[";
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += (i == 0 ? "\n" : ",\n") + json::serialize(lines[i]);
  json::object other{{"run_id", trace.events.front().event.run_id},
                     {"start_unix_us", zero}};
  return out + "\n],\"displayTimeUnit\":\"ms\",\"otherData\":" + json::serialize(other) +
         "}\n";
}

} // namespace troupe

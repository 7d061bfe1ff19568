#include "runtime/trace/views/summary_view.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/views/event_text.hpp"
#include "runtime/trace/views/saturated.hpp"
#include "runtime/trace/views/step_stats.hpp"
#include "runtime/trace/views/text_table.hpp"
#include "runtime/trace/views/view_text.hpp"

#include <algorithm>
#include <functional>

namespace troupe {

namespace {

std::string field(const std::string& name, const std::string& value) {
  auto label = name;
  label.resize(std::max<std::size_t>(name.size() + 2, 16), ' ');
  return label + value + "\n";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string run_section(const recorded_trace& trace,
                        const ordered_map<step_stats>& steps) {
  const auto& start = *trace.first("run_start");
  const auto* end = trace.first("run_end");
  ordered_map<bool> agents;
  int64_t runs = 0;
  for (const auto* task : trace.of_kind("task"))
    agents[task->to] = true;
  for (const auto& key : steps.keys)
    runs += steps.values.at(key).runs;
  auto status = end ? end->status
                    : "unfinished (no run_end: the run was killed, or is "
                      "still running)";
  auto loops =
      end ? ", " + count_text(int_at(end->attributes, "loop_rounds"), "loop round") : "";
  return field("run", start.run_id) +
         field("scenario", string_at(start.attributes, "scenario") + " (" +
                               string_at(start.attributes, "scenario_file") + ")") +
         field("status", status) +
         field("wall time", duration_text(end ? end->duration_us
                                              : trace.end_us() - trace.start_us())) +
         field("steps", std::to_string(steps.keys.size()) + " (" +
                            count_text(runs, "execution") + loops + ")") +
         field("agents", joined(agents.keys));
}

std::string costliest_step(const ordered_map<step_stats>& steps) {
  std::string best;
  std::string most_tokens;
  double total = 0;
  auto tokens = [&](const std::string& k) {
    const auto& m = steps.values.at(k).model;
    return saturated_sum(m.input_tokens, m.output_tokens);
  };
  for (const auto& key : steps.keys) {
    total += steps.values.at(key).model.usd;
    if (best.empty() || steps.values.at(key).model.usd > steps.values.at(best).model.usd)
      best = key;
    if (most_tokens.empty() || tokens(key) > tokens(most_tokens))
      most_tokens = key;
  }
  if (best.empty() || tokens(most_tokens) == 0)
    return field("costliest step", "none: no step made a model call");
  if (steps.values.at(best).model.usd <= 0)
    return field("costliest step",
                 "none: every model call was free; most tokens: " + most_tokens + " (" +
                     std::to_string(tokens(most_tokens)) + ")");
  auto usd = steps.values.at(best).model.usd;
  return field("costliest step", best + ", " + usd_text(usd) + " (" +
                                     percent_text(usd, total) + " of " + usd_text(total) +
                                     ")");
}

std::string steps_section(const ordered_map<step_stats>& steps) {
  text_table table{{"step", "runs", "tasks", "reused", "failed", "calls", "tokens in",
                    "tokens out", "cost", "time"}};
  for (const auto& key : steps.keys) {
    const auto& s = steps.values.at(key);
    table.add_row({key, std::to_string(s.runs), std::to_string(s.tasks),
                   std::to_string(s.reused), std::to_string(s.failed),
                   std::to_string(s.model.calls), std::to_string(s.model.input_tokens),
                   std::to_string(s.model.output_tokens), usd_text(s.model.usd),
                   duration_text(s.time_us)});
  }
  return "\n" + table.render() + costliest_step(steps);
}

/// How many items each for_each step handled: each distinct item is one
/// task; an item a later round saw again is reused, not sent again.
std::string fan_out_section(const ordered_map<step_stats>& steps) {
  std::string out;
  for (const auto& key : steps.keys) {
    const auto& s = steps.values.at(key);
    if (s.items == 0)
      continue;
    out += field(
        out.empty() ? "fan-out" : "",
        key + ": " + count_text(s.items, "item") + " (" + std::to_string(s.answered) +
            " answered, " + std::to_string(s.failed) + " failed" +
            (s.reused > 0
                 ? ", " + std::to_string(s.reused) + " repeats reused in later rounds"
                 : "") +
            (s.resent > 0 ? ", " + std::to_string(s.resent) + " sent again" : "") + ")");
  }
  return out;
}

std::string usage_table(const char* dimension,
                        const std::function<std::string(const trace_event&)>& key_of,
                        const std::vector<const trace_event*>& calls) {
  ordered_map<call_usage> groups;
  for (const auto* call : calls)
    groups[key_of(*call)].add(*call);
  text_table table{{dimension, "calls", "tokens in", "tokens out", "cost"}};
  for (const auto& key : groups.keys) {
    const auto& u = groups.values.at(key);
    table.add_row({key.empty() ? "(none)" : key, std::to_string(u.calls),
                   std::to_string(u.input_tokens), std::to_string(u.output_tokens),
                   usd_text(u.usd)});
  }
  return "\n" + table.render();
}

std::string calls_section(const recorded_trace& trace) {
  auto calls = trace.of_kind("model_call");
  call_usage total;
  for (const auto* call : calls)
    total.add(*call);
  auto out =
      "\n" + field("model calls", std::to_string(total.calls) + " (" +
                                      std::to_string(total.failed) + " failed, " +
                                      std::to_string(total.cached) +
                                      " from the cache: hit rate " +
                                      percent_text(total.cached, total.calls) + ")");
  out += field("tokens", std::to_string(total.input_tokens) + " in, " +
                             std::to_string(total.output_tokens) + " out");
  out += field("cost", usd_text(total.usd));
  if (calls.empty())
    return out;
  out += usage_table(
      "agent", [](const auto& c) { return c.from; }, calls);
  out += usage_table(
      "route", [](const auto& c) { return string_at(c.attributes, "troupe.route"); },
      calls);
  out += usage_table(
      "provider", [](const auto& c) { return c.to; }, calls);
  return out + usage_table("model", answering_target, calls);
}

/// Events of `kind` grouped by what they say, most frequent first.
std::string grouped(const recorded_trace& trace, const char* kind, const char* label,
                    const std::function<std::string(const trace_event&)>& key_of) {
  ordered_map<int64_t> groups;
  auto events = trace.of_kind(kind);
  for (const auto* e : events)
    ++groups[key_of(*e)];
  auto out = field(label, std::to_string(events.size()));
  std::stable_sort(groups.keys.begin(), groups.keys.end(),
                   [&](const auto& a, const auto& b) {
                     return groups.values.at(a) > groups.values.at(b);
                   });
  for (const auto& key : groups.keys)
    out += "  " + std::to_string(groups.values.at(key)) + "x " + key + "\n";
  return out;
}

/// Where tasks ran, for a run that placed agents on `troupe node`s: tasks
/// sent to each node (resent ones included) and how often it was lost.
std::string nodes_section(const recorded_trace& trace) {
  ordered_map<int64_t> tasks;
  ordered_map<int64_t> lost;
  for (const auto* e : trace.of_kind("task"))
    if (auto node = string_at(e->attributes, "troupe.node"); !node.empty())
      ++tasks[node];
  for (const auto* e : trace.of_kind("node_lost"))
    ++lost[string_at(e->attributes, "troupe.node")];
  if (tasks.keys.empty() && lost.keys.empty())
    return {};
  for (const auto& node : lost.keys)
    tasks[node];
  auto out = "\n" + field("nodes", std::to_string(tasks.keys.size()));
  for (const auto& node : tasks.keys) {
    auto times = lost.values.count(node) ? lost.values.at(node) : 0;
    out += "  " + node + ": " + count_text(tasks.values.at(node), "task") +
           (times > 0 ? ", lost " + count_text(times, "time") : "") + "\n";
  }
  return out;
}

std::string trouble_section(const recorded_trace& trace) {
  auto retry_reason = [](const trace_event& e) {
    return string_at(e.attributes, "gen_ai.provider.name") + "/" +
           string_at(e.attributes, "gen_ai.request.model") + ": " +
           string_at(e.attributes, "error.type");
  };
  return "\n" + grouped(trace, "retry", "retries", retry_reason) +
         grouped(trace, "failover", "failovers", describe_event);
}

bool in_scope(const trace_event& call, const std::string& scope) {
  auto named = [&](const std::string& prefix, const std::string& who) {
    return scope.rfind(prefix, 0) == 0 && scope.substr(prefix.size()) == who;
  };
  return scope == "run" || named("agent:", call.from) || named("provider:", call.to);
}

/// What the calls in `scope` spent of a cap in `unit`, as the budget guard
/// counts it: cached answers are free, failed calls are charged no call.
double spent(const std::vector<const trace_event*>& calls, const std::string& scope,
             const std::string& unit) {
  double out = 0;
  for (const auto* call : calls) {
    if (!in_scope(*call, scope))
      continue;
    bool charged = !from_cache(*call);
    if (unit == "usd")
      out += call->cost_usd;
    else if (unit == "tokens" && charged)
      out += static_cast<double>(call->input_tokens) +
             static_cast<double>(call->output_tokens);
    else if (unit == "calls" && charged && call->status != "error")
      out += 1;
  }
  return out;
}

std::string amount(const std::string& unit, double x) {
  return unit == "usd" ? usd_text(x) : std::to_string(saturated_int(x));
}

std::string budget_section(const recorded_trace& trace) {
  auto calls = trace.of_kind("model_call");
  const auto& caps = value_at(trace.first("run_start")->attributes, "budget");
  text_table table{{"budget cap", "limit", "spent", "left"}};
  if (const auto* scopes = caps.if_object())
    for (const auto& [scope, limits] : *scopes)
      for (const char* unit : {"usd", "tokens", "calls"})
        if (auto limit = value_at(limits, unit); limit.is_number()) {
          auto cap = limit.to_number<double>();
          auto used = spent(calls, std::string{scope}, unit);
          table.add_row({std::string{scope} + " " + unit, amount(unit, cap),
                         amount(unit, used), amount(unit, cap - used)});
        }
  auto refused = trace.of_kind("budget_refused").size();
  auto refusals = refused == 0
                      ? ""
                      : field("", count_text(refused, "call") + " refused by the budget");
  if (table.empty()) {
    double total = 0;
    for (const auto* call : calls)
      total += call->cost_usd;
    return "\n" + field("budget", "no budget cap (spent " + usd_text(total) + ")") +
           refusals;
  }
  return "\n" + table.render() + refusals;
}

bool is_error(const trace_event& ev) {
  return ev.status == "error" || ev.status == "abandoned" ||
         (ev.kind == "run_end" && !string_at(ev.attributes, "error.message").empty());
}

std::string errors_section(const recorded_trace& trace) {
  std::string lines;
  int64_t count = 0;
  for (const auto& e : trace.events) {
    if (!is_error(e.event))
      continue;
    ++count;
    auto who = e.event.from.empty() ? "" : " (" + e.event.from + ")";
    lines += "  line " + std::to_string(e.line) + " " + e.event.kind + who + ": " +
             describe_event(e.event) + "\n";
  }
  return "\n" + field("errors", count == 0 ? "none" : std::to_string(count)) + lines;
}

} // namespace

std::string render_summary(const recorded_trace& trace) {
  auto steps = collect_steps(trace);
  // A trace is input: what it says must not drive the terminal.
  return terminal_safe(run_section(trace, steps) + steps_section(steps) +
                           fan_out_section(steps) + nodes_section(trace) +
                           calls_section(trace) + trouble_section(trace) +
                           budget_section(trace) + errors_section(trace),
                       true);
}

} // namespace troupe

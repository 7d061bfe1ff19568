#include "runtime/trace/views/diff_view.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/views/saturated.hpp"
#include "runtime/trace/views/step_stats.hpp"
#include "runtime/trace/views/task_outcome.hpp"
#include "runtime/trace/views/text_table.hpp"
#include "runtime/trace/views/view_text.hpp"

namespace troupe {

namespace {

std::string count_magnitude(double x) {
  return std::to_string(saturated_int(x));
}

std::string duration_magnitude(double x) {
  return duration_text(saturated_int(x));
}

/// "6" when both say 6, else "6 -> 3"; "-" for a side that lacks it.
std::string pair_text(const std::string& a, const std::string& b) {
  return a == b ? a : a + " -> " + b;
}

/// One trace read for the comparison.
struct run_side {
  const recorded_trace& trace;
  const trace_event& start;
  ordered_map<step_stats> steps;
  ordered_map<task_outcome> tasks;
  call_usage calls;

  explicit run_side(const recorded_trace& t)
      : trace(t), start(*t.first("run_start")), steps(collect_steps(t)),
        tasks(collect_task_outcomes(t)) {
    for (const auto* call : t.of_kind("model_call"))
      calls.add(*call);
  }

  std::string scenario() const { return string_at(start.attributes, "scenario"); }

  std::string status() const {
    const auto* end = trace.first("run_end");
    return end ? end->status : "unfinished";
  }

  /// A step total over all steps.
  int64_t sum(int64_t step_stats::*field) const {
    int64_t out = 0;
    for (const auto& [name, s] : steps.values)
      out += s.*field;
    return out;
  }

  double count(const char* kind) const {
    return static_cast<double>(trace.of_kind(kind).size());
  }
};

/// The run rows: A, B and the change.
class run_rows {
public:
  run_rows() : table_({"", "A", "B", "change"}, "llll") {}

  void text(const char* name, const std::string& a, const std::string& b) {
    table_.add_row({name, a, b, a == b ? "=" : "changed"});
  }

  /// A row whose change is not A against B: what names the runs, or a
  /// change worked out elsewhere.
  void row(const char* name, const std::string& a, const std::string& b,
           const std::string& change) {
    table_.add_row({name, a, b, change});
  }

  void number(const char* name, double a, double b, std::string (*magnitude)(double)) {
    table_.add_row({name, magnitude(a), magnitude(b), change_text(a, b, magnitude)});
  }

  std::string render() const { return table_.render(); }

private:
  text_table table_;
};

/// "recorded" or "not recorded": content capture off leaves out the inputs.
std::string recorded(const run_side& side, const char* attribute) {
  return value_at(side.start.attributes, attribute).is_object() ? "recorded"
                                                                : "not recorded";
}

std::string inputs_change(const run_side& a, const run_side& b) {
  const auto& ia = value_at(a.start.attributes, "inputs");
  const auto& ib = value_at(b.start.attributes, "inputs");
  if (!ia.is_object() || !ib.is_object())
    return "";
  std::string changed;
  for (const auto& [name, value] : ia.as_object())
    if (value_at(ib, name) != value)
      changed += (changed.empty() ? "" : ", ") + std::string{name};
  return changed.empty() && ia.as_object().size() == ib.as_object().size()
             ? "="
             : "changed: " + (changed.empty() ? std::string{"names"} : changed);
}

std::string prompts_change(const run_side& a, const run_side& b) {
  const auto& pa = value_at(a.start.attributes, "prompts");
  const auto& pb = value_at(b.start.attributes, "prompts");
  std::string changed;
  if (const auto* prompts = pa.if_object())
    for (const auto& [agent, prompt] : *prompts)
      if (string_at(prompt, "hash") != string_at(value_at(pb, agent), "hash"))
        changed += (changed.empty() ? "" : ", ") + std::string{agent};
  return changed.empty() ? "=" : "changed: " + changed;
}

std::string runs_section(const run_side& a, const run_side& b) {
  run_rows rows;
  rows.row("file", a.trace.file, b.trace.file, "");
  rows.row("run", a.start.run_id, b.start.run_id, "");
  rows.text("scenario", a.scenario(), b.scenario());
  rows.text("status", a.status(), b.status());
  rows.number("wall time", static_cast<double>(a.trace.end_us() - a.trace.start_us()),
              static_cast<double>(b.trace.end_us() - b.trace.start_us()),
              duration_magnitude);
  rows.number("step runs", a.sum(&step_stats::runs), b.sum(&step_stats::runs),
              count_magnitude);
  rows.number("tasks", a.sum(&step_stats::tasks), b.sum(&step_stats::tasks),
              count_magnitude);
  rows.number("failed tasks", a.sum(&step_stats::failed), b.sum(&step_stats::failed),
              count_magnitude);
  rows.number("model calls", a.calls.calls, b.calls.calls, count_magnitude);
  rows.number("tokens in", a.calls.input_tokens, b.calls.input_tokens, count_magnitude);
  rows.number("tokens out", a.calls.output_tokens, b.calls.output_tokens,
              count_magnitude);
  rows.number("cost", a.calls.usd, b.calls.usd, usd_text);
  rows.number("retries", a.count("retry"), b.count("retry"), count_magnitude);
  rows.number("failovers", a.count("failover"), b.count("failover"), count_magnitude);
  rows.row("inputs", recorded(a, "inputs"), recorded(b, "inputs"), inputs_change(a, b));
  rows.row("prompts", recorded(a, "prompts"), recorded(b, "prompts"),
           prompts_change(a, b));
  return rows.render();
}

/// The step names of both runs: A's in its order, then those only B ran.
std::vector<std::string> all_steps(const run_side& a, const run_side& b) {
  auto names = a.steps.keys;
  for (const auto& name : b.steps.keys)
    if (a.steps.find(name) == nullptr)
      names.push_back(name);
  return names;
}

/// A step's row; `a` or `b` is null for the run that did not run it.
std::vector<std::string> step_row(const std::string& name, const step_stats* a,
                                  const step_stats* b) {
  static const step_stats none;
  const auto& xa = a ? *a : none;
  const auto& xb = b ? *b : none;
  auto counts = [&](int64_t (*count)(const step_stats&)) {
    return pair_text(a ? std::to_string(count(*a)) : "-",
                     b ? std::to_string(count(*b)) : "-");
  };
  return {name,
          counts([](const step_stats& s) { return s.runs; }),
          counts([](const step_stats& s) { return s.tasks; }),
          counts([](const step_stats& s) { return s.failed; }),
          counts([](const step_stats& s) { return s.model.calls; }),
          usd_text(xa.model.usd),
          usd_text(xb.model.usd),
          change_text(xa.model.usd, xb.model.usd, usd_text),
          duration_text(xa.time_us),
          duration_text(xb.time_us),
          change_text(static_cast<double>(xa.time_us), static_cast<double>(xb.time_us),
                      duration_magnitude)};
}

std::string steps_section(const run_side& a, const run_side& b) {
  text_table table{{"step", "runs", "tasks", "failed", "calls", "cost A", "cost B",
                    "cost change", "time A", "time B", "time change"},
                   "lllllrrlrrl"};
  for (const auto& name : all_steps(a, b))
    table.add_row(step_row(name, a.steps.find(name), b.steps.find(name)));
  return "\n" + table.render();
}

std::string targets_text(const step_stats* s) {
  std::string out;
  if (s != nullptr)
    for (const auto& target : s->targets.keys)
      out += (out.empty() ? "" : ", ") + target + " x" +
             std::to_string(s->targets.values.at(target));
  return out.empty() ? "-" : out;
}

/// Which provider/model answered each step's calls, where that changed.
std::string models_section(const run_side& a, const run_side& b) {
  text_table table{{"answered by", "A", "B"}, "lll"};
  for (const auto& name : all_steps(a, b)) {
    auto ta = targets_text(a.steps.find(name));
    auto tb = targets_text(b.steps.find(name));
    if (ta != tb)
      table.add_row({name, ta, tb});
  }
  return "\n" + (table.empty() ? "answered by   the same providers and models\n"
                               : table.render());
}

std::string verdict(const task_outcome& a, const task_outcome& b, bool same) {
  auto out = std::string{same ? "same" : "changed"};
  return a.status == b.status ? out : out + ", " + a.status + " -> " + b.status;
}

std::string outputs_section(const run_side& a, const run_side& b) {
  text_table table{{"output", "compared by", "A", "B", ""}, "lllll"};
  int64_t same = 0;
  bool by_stand_in = false;
  for (const auto& label : a.tasks.keys) {
    const auto& ta = a.tasks.values.at(label);
    const auto* tb = b.tasks.find(label);
    if (tb == nullptr) {
      table.add_row({label, "", ta.status, "-", "only in A"});
      continue;
    }
    auto c = compare_outcomes(ta, *tb);
    by_stand_in = by_stand_in || c.basis == "hits, tokens";
    if (c.same && ta.status == tb->status)
      ++same;
    else
      table.add_row({label, c.basis, c.a, c.b, verdict(ta, *tb, c.same)});
  }
  for (const auto& label : b.tasks.keys)
    if (a.tasks.find(label) == nullptr)
      table.add_row({label, "", "-", b.tasks.values.at(label).status, "only in B"});
  auto out = "\n" + (table.empty() ? "" : table.render()) + count_text(same, "task") +
             " of both runs answered the same\n";
  if (by_stand_in)
    out += "hits, tokens: the trace holds neither the output nor its hash (content "
           "capture off, or written before troupe.output.hash); the number of search "
           "hits and answer tokens stands in, and misses changes that keep them\n";
  return out;
}

} // namespace

std::string render_diff(const recorded_trace& a, const recorded_trace& b) {
  run_side sa{a};
  run_side sb{b};
  std::string warning;
  if (sa.scenario() != sb.scenario())
    warning = "warning: A is a run of scenario '" + sa.scenario() + "', B of '" +
              sb.scenario() + "'; steps and tasks are matched by name all the same\n\n";
  // A trace is input: what it says must not drive the terminal.
  return terminal_safe(warning + runs_section(sa, sb) + steps_section(sa, sb) +
                           models_section(sa, sb) + outputs_section(sa, sb),
                       true);
}

} // namespace troupe

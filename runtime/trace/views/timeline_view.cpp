#include "runtime/trace/views/timeline_view.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/text/utf8.hpp"
#include "runtime/trace/views/view_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace troupe {

namespace {

constexpr int min_bar_columns = 10;
constexpr std::size_t max_label = 20;
// More tasks of one agent at once than this share its last row: a screen
// shows no more, and a hostile trace must not make a row per line.
constexpr std::size_t max_rows = 32;

/// One task of an agent: when it was sent and answered, and when the agent
/// waited on calls it made.
struct task_bar {
  int64_t start_us = 0;
  int64_t end_us = 0;
  std::vector<std::pair<int64_t, int64_t>> calls;
};

/// The agents' task bars, agents in the order they first got a task.
struct agent_bars {
  std::vector<std::string> agents;
  std::map<std::string, std::vector<task_bar>> bars;
};

agent_bars collect_bars(const recorded_trace& trace) {
  agent_bars out;
  std::map<std::string, std::pair<std::string, std::size_t>> by_span; // task span
  auto unanswered_end = trace.end_us();
  for (const auto& e : trace.events) {
    const auto& ev = e.event;
    if (ev.kind != "task")
      continue;
    if (!out.bars.count(ev.to))
      out.agents.push_back(ev.to);
    auto& bars = out.bars[ev.to];
    by_span[ev.span_id] = {ev.to, bars.size()};
    bars.push_back({ev.ts_us, unanswered_end, {}});
  }
  for (const auto& e : trace.events) {
    const auto& ev = e.event;
    bool is_call = ev.kind == "model_call" || ev.kind == "tool_call";
    auto owner = by_span.find(is_call ? ev.parent_span : ev.span_id);
    if (owner == by_span.end() || (!is_call && ev.kind != "result"))
      continue;
    auto& bar = out.bars[owner->second.first][owner->second.second];
    if (is_call)
      bar.calls.emplace_back(ev.ts_us, end_of(ev));
    else
      bar.end_us = ev.ts_us;
  }
  return out;
}

/// Spreads the bars over rows so that none overlaps another in its row
/// (up to max_rows).
std::vector<std::vector<const task_bar*>> stack_rows(const std::vector<task_bar>& bars) {
  std::vector<const task_bar*> sorted;
  for (const auto& b : bars)
    sorted.push_back(&b);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return a->start_us < b->start_us;
  });
  std::vector<std::vector<const task_bar*>> rows;
  for (const auto* b : sorted) {
    auto free = std::find_if(rows.begin(), rows.end(), [&](const auto& r) {
      return r.back()->end_us <= b->start_us;
    });
    if (free != rows.end())
      free->push_back(b);
    else if (rows.size() < max_rows)
      rows.push_back({b});
    else
      rows.back().push_back(b);
  }
  return rows;
}

/// Maps times of the run to columns of the drawing.
class time_scale {
public:
  time_scale(int64_t start_us, int64_t end_us, int columns)
      : start_(start_us), span_(std::max<int64_t>(1, end_us - start_us)),
        columns_(columns) {}

  int columns() const { return columns_; }

  /// The columns [first, last] that the interval covers, at least one.
  std::pair<int, int> cover(int64_t from_us, int64_t to_us) const {
    auto first = column(from_us, 0);
    return {first, std::max(first, column(to_us, -1))};
  }

  double us_per_column() const { return static_cast<double>(span_) / columns_; }

private:
  int column(int64_t us, int bias) const {
    auto scaled = (static_cast<double>(us - start_) * columns_) / span_;
    auto col = bias < 0 ? std::ceil(scaled) - 1 : std::floor(scaled);
    // Clamped before it becomes an integer: a time far outside the run (a
    // run_start stamped after its events) is beyond any integer's range.
    return static_cast<int>(std::clamp(col, 0.0, columns_ - 1.0));
  }

  int64_t start_;
  int64_t span_;
  int columns_;
};

void fill(std::string& row, std::pair<int, int> cols, char c) {
  for (int i = cols.first; i <= cols.second; ++i)
    row[static_cast<std::size_t>(i)] = c;
}

std::string draw_tasks(const std::vector<const task_bar*>& row, const time_scale& scale) {
  std::string out(static_cast<std::size_t>(scale.columns()), ' ');
  for (const auto* bar : row) {
    fill(out, scale.cover(bar->start_us, bar->end_us), '=');
    for (const auto& [from, to] : bar->calls)
      fill(out, scale.cover(from, to), '#');
  }
  return out;
}

/// "[name" in `width` columns, cut to fit: the next step's "[" closes it.
std::string step_box(const std::string& name, std::size_t width) {
  std::string box{utf8_prefix("[" + terminal_safe(name), width)};
  return box + std::string(width - box.size(), ' ');
}

/// Each step execution, marked over the time it ran. Steps run one after
/// the other; one shorter than a column still gets its "[", pushing the
/// next one a column on.
std::string draw_steps(const recorded_trace& trace, const time_scale& scale) {
  std::string out(static_cast<std::size_t>(scale.columns()), ' ');
  std::map<std::string, int64_t> started;
  int free = 0;
  for (const auto& e : trace.events) {
    const auto& ev = e.event;
    if (ev.kind == "step_start")
      started[ev.span_id] = ev.ts_us;
    if (ev.kind != "step_end" || !started.count(ev.span_id))
      continue;
    auto [first, last] = scale.cover(started[ev.span_id], ev.ts_us);
    first = std::max(first, free);
    if (first >= scale.columns())
      break;
    auto width = static_cast<std::size_t>(std::max(first, last) - first + 1);
    out.replace(static_cast<std::size_t>(first), width,
                step_box(string_at(ev.attributes, "step"), width));
    free = first + 1;
  }
  return out;
}

std::string label(const std::string& name, std::size_t width) {
  std::string text{utf8_prefix(terminal_safe(name), max_label)};
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string header(std::size_t label_width, const trace_event* end, int64_t total_us,
                   int columns) {
  auto total = duration_text(total_us) + (end ? "" : " (unfinished)");
  auto gap = std::max<int>(1, columns - 1 - static_cast<int>(total.size()));
  return std::string(label_width, ' ') + " |0" + std::string(gap, ' ') + total + "|\n";
}

} // namespace

std::string render_timeline(const recorded_trace& trace, int width) {
  auto bars = collect_bars(trace);
  std::size_t label_width = 5; // "steps"
  for (const auto& agent : bars.agents)
    label_width = std::max(label_width, std::min(agent.size(), max_label));
  auto columns = std::max(min_bar_columns, width - static_cast<int>(label_width) - 3);
  time_scale scale{trace.start_us(), trace.end_us(), columns};
  auto out = header(label_width, trace.first("run_end"),
                    trace.end_us() - trace.start_us(), columns);
  out += label("steps", label_width) + " |" + draw_steps(trace, scale) + "|\n";
  for (const auto& agent : bars.agents) {
    auto rows = stack_rows(bars.bars[agent]);
    for (std::size_t i = 0; i < rows.size(); ++i)
      out += label(i == 0 ? agent : "", label_width) + " |" + draw_tasks(rows[i], scale) +
             "|\n";
  }
  return out +
         "= task, from its sending to its result; # waiting on a model or tool; "
         "1 column = " +
         duration_text(static_cast<int64_t>(scale.us_per_column())) + "\n";
}

} // namespace troupe

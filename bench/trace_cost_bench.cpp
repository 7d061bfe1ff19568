// Benchmark 5 of issue 7: what tracing costs a whole run.
//   bench --execute_run--> trace sink, router, corpus tool, orchestrator, agents
// The research assistant runs in process through execute_run, as `troupe
// run` runs it offline, three ways: trace with content (the default), trace
// without content (--trace-content off), and no trace (--trace off, the
// baseline). The model services (transport, budget guard, local provider)
// are started once and shared, so the arms differ only in tracing. The arms
// take turns within each repetition, the first arm rotating from round to
// round, so that a burst of load elsewhere on the machine hits all three.
// A run's wall time is execute_run's, whole: it includes fixed parts that
// do not depend on tracing (spawning the run's actors, opening and
// refreshing the corpus index, writing state.json, result.json and
// report.md), so the ratio is the trace's share of a real run.

#include "bench/support/bench_scenario.hpp"
#include "bench/support/process_cpu.hpp"
#include "bench/support/run_benchmark.hpp"
#include "bench/support/temp_folder.hpp"
#include "bench/support/trivial_actors.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_session.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

using namespace troupe;
using namespace troupe::bench;

namespace {

namespace fs = std::filesystem;

constexpr const char* about =
    "Trace cost: the research assistant scenario run in process through execute_run "
    "with the trace written with content, without content, and not at all "
    "(baseline); wall and CPU time per run.";
constexpr const char* scenario_file =
    TROUPE_SOURCE_DIR "/scenarios/research_assistant.json";
constexpr std::size_t runs_per_arm_full = 50;
constexpr double target_ratio = 1.05;

struct trace_arm {
  const char* name;
  bool write_trace;
  bool capture_content;
};

constexpr std::array<trace_arm, 3> arms{{
    {"trace off (baseline)", false, true},
    {"trace on, content on", true, true},
    {"trace on, content off", true, false},
}};
constexpr const trace_arm& baseline = arms[0];

/// What one run cost and left behind.
struct run_figures {
  double wall_ms = 0;
  double cpu_ms = 0; // all threads of the process
  double trace_bytes = 0;
  double events = 0; // lines of trace.jsonl
};

/// The scenario, agent types and tools as `troupe run` loads them, with the
/// corpus index kept in `index_path` rather than the user's cache.
struct research_run : bench_scenario {
  explicit research_run(const std::string& index_path) : bench_scenario(scenario_file) {
    for (auto& tool : spec.tools)
      if (tool.type == "corpus")
        tool.params["index"] = index_path;
  }
};

/// Size and line count of a trace file; zeros when there is none.
void measure_trace(const std::string& path, run_figures& out) {
  if (path.empty())
    return;
  std::ifstream in{path, std::ios::binary};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  out.trace_bytes = static_cast<double>(text.size());
  out.events = static_cast<double>(std::count(text.begin(), text.end(), '\n'));
}

run_figures one_run(caf::actor_system& sys, const research_run& run,
                    const model_services& services, const trace_arm& arm,
                    const std::string& out_dir) {
  run_options options;
  options.run_id = make_run_id();
  options.out_dir = out_dir;
  options.capture_content = arm.capture_content;
  options.write_trace = arm.write_trace;
  options.services = &services;
  run_figures figures;
  auto cpu_start = process_cpu_seconds();
  auto start = now_ns();
  auto report = execute_run(sys, run.spec, run.agents, run.tools, options);
  figures.wall_ms = static_cast<double>(now_ns() - start) / 1e6;
  figures.cpu_ms = (process_cpu_seconds() - cpu_start) * 1e3;
  if (!report)
    throw std::runtime_error("the run failed to start: " + describe(report.error()));
  if (report->outcome.status != "succeeded")
    throw std::runtime_error("the run ended " + report->outcome.status + ": " +
                             report->outcome.error);
  if (!report->trace_error.empty())
    throw std::runtime_error("the trace is incomplete: " + report->trace_error);
  measure_trace(report->trace_path, figures);
  fs::remove_all(out_dir);
  return figures;
}

double median_of(const std::vector<run_figures>& runs, double run_figures::*field) {
  std::vector<double> values;
  for (const auto& r : runs)
    values.push_back(r.*field);
  return spread_of(std::move(values)).median;
}

using arm_runs = std::array<std::vector<run_figures>, arms.size()>;

/// `rounds` rounds of one run per arm, the first arm of a round rotating.
arm_runs repetition(caf::actor_system& sys, const research_run& run,
                    const model_services& services, const temp_folder& tmp,
                    std::size_t rounds) {
  arm_runs out;
  for (std::size_t round = 0; round < rounds; ++round)
    for (std::size_t k = 0; k < arms.size(); ++k) {
      auto i = (round + k) % arms.size();
      out[i].push_back(one_run(sys, run, services, arms[i], tmp / "run"));
    }
  return out;
}

void record(bench_table& table, const arm_runs& runs) {
  auto base_wall = median_of(runs[0], &run_figures::wall_ms);
  auto base_cpu = median_of(runs[0], &run_figures::cpu_ms);
  for (std::size_t i = 0; i < arms.size(); ++i) {
    auto wall = median_of(runs[i], &run_figures::wall_ms);
    auto cpu = median_of(runs[i], &run_figures::cpu_ms);
    table.add(arms[i].name, "wall ms", wall);
    table.add(arms[i].name, "vs trace off", wall / base_wall);
    table.add(arms[i].name, "CPU ms", cpu);
    table.add(arms[i].name, "CPU vs trace off", cpu / base_cpu);
    table.add(arms[i].name, "trace KB",
              median_of(runs[i], &run_figures::trace_bytes) / 1e3);
    table.add(arms[i].name, "events", median_of(runs[i], &run_figures::events));
  }
}

bench_target overhead_target(const bench_table& table, const trace_arm& arm) {
  auto ratio = table.at(arm.name, "vs trace off");
  char measured[64];
  std::snprintf(measured, sizeof(measured), "%+.1f%% (%+.1f%% to %+.1f%%)",
                (ratio.median - 1) * 100, (ratio.min - 1) * 100, (ratio.max - 1) * 100);
  return {std::string{"wall time per run, "} + arm.name + " vs trace off", "<= +5%",
          measured, ratio.median <= target_ratio};
}

bool run(caf::actor_system& sys, bench_report& report, const bench_options& options) {
  temp_folder tmp{"troupe-trace-cost"};
  research_run research{tmp / "corpus-index.sqlite"};
  auto services = start_model_services(sys);
  auto rounds = options.calls(runs_per_arm_full);
  auto& table = report.add_table(
      "Research assistant, " + std::to_string(rounds) +
          " runs per arm per repetition, arms interleaved (cells: median of the runs)",
      {"wall ms", "vs trace off", "CPU ms", "CPU vs trace off", "trace KB", "events"});
  repetition(sys, research, services, tmp, 1); // warm-up: builds the corpus index
  for (int rep = 0; rep < options.reps; ++rep)
    record(table, repetition(sys, research, services, tmp, rounds));
  stop_model_services(services);
  report.add_target(overhead_target(table, arms[1]));
  report.add_target(overhead_target(table, arms[2]));
  report.add_note("A run's time is execute_run's, whole: spawning the run's actors, "
                  "opening and refreshing the corpus index (nothing re-read), the "
                  "flow, stopping the actors (the trace flushed), and writing "
                  "state.json, result.json and report.md. Loading the scenario and "
                  "starting the shared model services are not in it.");
  report.add_note("CPU ms is the process's user and system time over the run, all "
                  "threads, CAF's idle workers polling included.");
  report.add_note(std::string{"With the trace off, the run still builds every event "
                              "and sends it to a trace sink that drops it; "} +
                  baseline.name + " is that, not a run without events.");
  return true; // a failed run throws
}

} // namespace

int main(int argc, char** argv) {
  return run_benchmark(argc, argv, "trace_cost", about, run);
}

// Benchmark 4 of issue 7: thousands of concurrent research-assistant runs in
// one process, against a fake model that answers each call after a fixed
// latency with the offline `local` model's answer.
//   main --start_run x N--> run sessions (an actor each, no thread per run)
//   each run: search (corpus tool, shared SQLite searcher) -> summarize x
//   sources -> analyze -> refine, every model call through its router to
//   delayed_provider (a timer) -> local provider
//   each session --report--> the benchmark, which counts them
// The baseline is the latency-bound ideal: the run's sequential model-call
// stages (counted in its trace) times the latency, what N runs would take
// if the runtime cost nothing; and one run alone, measured in the same
// repetition. Runs write what the CLI writes by default (trace.jsonl,
// state.json after every step, result.json, report.md) below a temporary
// folder, deleted after each arm.
//
// Peer mode, for the LangGraph.js comparison (bench/peers/):
//   scale_bench --peer --runs N --latency-ms L [--scenario FILE] [--files off]
// runs N concurrent runs of bench/peers/pipeline.json and prints one JSON
// line on stdout (see print_peer_line); exit status 1 when a run failed.
// --files off: the runs write no files and no trace (run_options
// .write_files), as the LangGraph.js side keeps its state in memory; the
// line's runtime is then "troupe.memory".

#include "bench/support/bench_scenario.hpp"
#include "bench/support/concurrent_runs.hpp"
#include "bench/support/run_benchmark.hpp"
#include "runtime/system_setup.hpp"

#include <caf/actor_system_config.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

using namespace troupe;
using namespace troupe::bench;

namespace {

namespace fs = std::filesystem;

constexpr const char* about =
    "Scale: N concurrent research-assistant runs in one process against a fake model "
    "with a fixed latency per call, vs the latency-bound ideal (sequential model-call "
    "stages x latency) and one run alone.";
constexpr std::chrono::milliseconds latency{200};
constexpr std::size_t small_fleet = 1000;
constexpr std::size_t large_fleet = 10000;

using scenario_setup = bench_scenario;

/// A fresh folder below the system's temporary folder.
std::string temp_root() {
  auto pattern = (fs::temp_directory_path() / "troupe-scale-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("cannot create a folder in " +
                             fs::temp_directory_path().string());
  return pattern;
}

concurrent_runs_sample run_arm(caf::actor_system& sys, const scenario_setup& setup,
                               std::size_t runs, std::chrono::milliseconds delay,
                               bool write_files = true) {
  auto root = temp_root();
  concurrent_runs_config config{&setup.spec, &setup.agents, &setup.tools,
                                runs,        delay,         root + "/runs"};
  config.write_files = write_files;
  auto sample = run_concurrently(sys, config);
  fs::remove_all(root);
  return sample;
}

std::string format(const char* pattern, double x) {
  char text[64];
  std::snprintf(text, sizeof(text), pattern, x);
  return text;
}

std::string arm_name(std::size_t runs, std::chrono::milliseconds delay) {
  auto who = runs == 1 ? std::string{"1 run alone"} : std::to_string(runs) + " runs";
  return who + ", " + std::to_string(delay.count()) + " ms";
}

struct tables {
  bench_table& time;
  bench_table& memory;
};

double ideal_s(const concurrent_runs_sample& s, std::chrono::milliseconds delay) {
  return static_cast<double>(s.stages) * static_cast<double>(delay.count()) / 1000.0;
}

void record(tables& t, const std::string& arm, const concurrent_runs_sample& s,
            const concurrent_runs_sample& alone, std::chrono::milliseconds delay) {
  auto ideal = ideal_s(s, delay);
  auto runs = static_cast<double>(s.runs);
  t.time.add(arm, "wall s", s.wall_s);
  t.time.add(arm, "ideal s", ideal);
  t.time.add(arm, "starting s", s.start_s);
  if (ideal > 0)
    t.time.add(arm, "wall / ideal", s.wall_s / ideal);
  t.time.add(arm, "vs 1 run alone", s.wall_s / alone.wall_s);
  t.time.add(arm, "runs/s", runs / s.wall_s);
  t.time.add(arm, "model calls/run", static_cast<double>(s.model_calls) / runs);
  t.time.add(arm, "failed or lost", static_cast<double>(s.failed));
  auto grown_kb = static_cast<double>(s.after.peak_rss_kb - s.before.rss_kb);
  auto payload_kb = s.state_bytes / 1024.0;
  t.memory.add(arm, "RSS before MB", static_cast<double>(s.before.rss_kb) / 1024.0);
  t.memory.add(arm, "peak RSS MB", static_cast<double>(s.after.peak_rss_kb) / 1024.0);
  t.memory.add(arm, "RSS/run KB", grown_kb / runs);
  t.memory.add(arm, "state.json KB/run", payload_kb);
  t.memory.add(arm, "RSS/run beyond payload KB", grown_kb / runs - payload_kb);
  t.memory.add(arm, "result.json KB/run", s.result_bytes / 1024.0);
  t.memory.add(arm, "trace.jsonl KB/run", s.trace_bytes / 1024.0);
  t.memory.add(arm, "peak threads", static_cast<double>(s.peak_threads));
}

/// One repetition of every arm; answers the runs that failed or were lost.
std::size_t repetition(caf::actor_system& sys, const scenario_setup& setup,
                       const bench_options& options, tables& t, bench_report* notes) {
  std::size_t failed = 0;
  for (auto delay : {latency, std::chrono::milliseconds{0}}) {
    auto alone = run_arm(sys, setup, 1, delay);
    record(t, arm_name(1, delay), alone, alone, delay);
    failed += alone.failed;
    auto sizes = delay == latency ? std::vector<std::size_t>{small_fleet, large_fleet}
                                  : std::vector<std::size_t>{large_fleet};
    for (auto full : sizes) {
      auto n = options.calls(full);
      auto s = run_arm(sys, setup, n, delay);
      record(t, arm_name(n, delay), s, alone, delay);
      failed += s.failed;
      if (s.failed)
        std::cerr << arm_name(n, delay) << ": " << s.failed << " failed or lost ("
                  << s.lost << " lost), first: " << s.first_failure << "\n";
      if (notes && full == large_fleet && delay == latency) {
        std::string files;
        for (const auto& f : s.files)
          files += (files.empty() ? "" : ", ") + f;
        notes->add_note("Each run wrote: " + files +
                        " (trace on, as the CLI by default).");
        notes->add_note("One run's trace: " + std::to_string(s.traced_calls) +
                        " model calls in " + std::to_string(s.stages) +
                        " sequential stages; the ideal is stages x latency.");
      }
    }
  }
  return failed;
}

void add_targets(bench_report& report, const tables& t, const bench_options& options) {
  for (auto full : {small_fleet, large_fleet}) {
    auto arm = arm_name(options.calls(full), latency);
    auto ratio = t.time.at(arm, "wall / ideal").median;
    auto kb = t.memory.at(arm, "RSS/run beyond payload KB").median;
    report.add_target(
        {arm + ": wall / ideal", "<= 1.5", format("%.2f", ratio), ratio <= 1.5});
    report.add_target({arm + ": RSS per run beyond payload", "<= 100 KB",
                       format("%.1f KB", kb), kb <= 100});
    auto failed = t.time.at(arm, "failed or lost").max;
    report.add_target(
        {arm + ": runs failed or lost", "0", format("%.0f", failed), failed == 0});
  }
}

std::string source_path(const std::string& relative) {
  return std::string{TROUPE_SOURCE_DIR} + "/" + relative;
}

bool run(caf::actor_system& sys, bench_report& report, const bench_options& options) {
  scenario_setup setup{source_path("scenarios/research_assistant.json")};
  tables t{
      report.add_table("Wall time against the latency-bound ideal",
                       {"wall s", "ideal s", "starting s", "wall / ideal",
                        "vs 1 run alone", "runs/s", "model calls/run", "failed or lost"}),
      report.add_table("Memory and threads",
                       {"RSS before MB", "peak RSS MB", "RSS/run KB", "state.json KB/run",
                        "RSS/run beyond payload KB", "result.json KB/run",
                        "trace.jsonl KB/run", "peak threads"})};
  run_arm(sys, setup, 1, latency); // warm-up: the corpus index, the page cache
  std::size_t failed = 0;
  for (int rep = 0; rep < options.reps; ++rep)
    failed += repetition(sys, setup, options, t, rep == 0 ? &report : nullptr);
  report.add_note("starting s: the time the benchmark's thread spends in start_run "
                  "for all runs (included in wall s).");
  report.add_note(
      "RSS/run: (peak RSS of the arm - RSS before its first run) / runs; "
      "beyond payload: less the mean size of a run's state.json, which holds "
      "every step's output (the sources' text, summaries, analysis, report).");
  add_targets(report, t, options);
  return failed == 0;
}

// --- peer mode -------------------------------------------------------------

struct peer_options {
  std::size_t runs = 100;
  int64_t latency_ms = 200;
  std::string scenario = source_path("bench/peers/pipeline.json");
  bool write_files = true;
};

[[noreturn]] void peer_usage(const char* program) {
  std::cerr << "usage: " << program
            << " --peer [--runs N] [--latency-ms L] [--scenario FILE] [--files on|off]\n";
  std::exit(2);
}

peer_options parse_peer(int argc, char** argv) {
  peer_options out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--peer")
      continue;
    if (arg == "--runs" && has_value)
      out.runs = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--latency-ms" && has_value)
      out.latency_ms = std::max(0, std::atoi(argv[++i]));
    else if (arg == "--scenario" && has_value)
      out.scenario = argv[++i];
    else if (arg == "--files" && has_value &&
             (std::string{argv[i + 1]} == "on" || std::string{argv[i + 1]} == "off"))
      out.write_files = std::string{argv[++i]} == "on";
    else
      peer_usage(argv[0]);
  }
  return out;
}

/// {"runtime":"troupe","runs":N,"latency_ms":L,"wall_s":..,"runs_per_s":..,
///  "ideal_s":..,"peak_rss_mb":..,"failed":0,"model_calls":..,"calls_per_run":..}
void print_peer_line(const peer_options& p, const concurrent_runs_sample& s) {
  auto runs = static_cast<double>(p.runs);
  boost::json::object line{
      {"runtime", p.write_files ? "troupe" : "troupe.memory"},
      {"runs", p.runs},
      {"latency_ms", p.latency_ms},
      {"wall_s", s.wall_s},
      {"runs_per_s", runs / s.wall_s},
      {"ideal_s", static_cast<double>(s.stages * p.latency_ms) / 1000.0},
      {"peak_rss_mb", static_cast<double>(s.after.peak_rss_kb) / 1024.0},
      {"failed", s.failed},
      {"model_calls", s.model_calls},
      {"calls_per_run", static_cast<double>(s.model_calls) / runs}};
  std::cout << boost::json::serialize(line) << std::endl;
}

int run_peer(int argc, char** argv) {
  auto p = parse_peer(argc, argv);
  try {
    caf::actor_system_config cfg;
    add_troupe_types(cfg);
    caf::actor_system sys{cfg};
    scenario_setup setup{p.scenario};
    auto sample = run_arm(sys, setup, p.runs, std::chrono::milliseconds{p.latency_ms},
                          p.write_files);
    print_peer_line(p, sample);
    if (sample.failed)
      std::cerr << "scale_bench: " << sample.failed
                << " runs failed or lost, first: " << sample.first_failure << "\n";
    return sample.failed == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "scale_bench: " << e.what() << "\n";
    return 1;
  }
}

} // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string{argv[i]} == "--peer")
      return run_peer(argc, argv);
  return run_benchmark(argc, argv, "scale", about, run);
}

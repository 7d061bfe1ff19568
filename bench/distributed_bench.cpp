// Distributed runs: research-assistant runs per second with the agents in
// the run's process, on one `troupe node` process, or spread over two, on
// this machine, against a fake model with a fixed latency per call.
//   main --start_run x N--> run sessions in this process (orchestrator,
//   router -> delayed_provider, corpus tool, trace sink, state writer)
//   orchestrator --spawn_agent--> troupe node(s) over CAF's middleman:
//   search, summarize, analyze, refine, one instance per run on each node
//   orchestrator --task--> agent on a node --model_request--> the run's
//   router here --attempt_result--> agent --agent_result--> orchestrator
// Arms: all agents in this process (the baseline, as scale_bench runs
// them); every agent placed on node a; every agent placed on nodes a and b,
// an instance on each, tasks spread round robin.
// The placements have fallback "none": an agent that cannot be placed fails
// its run instead of quietly running here. The nodes are child processes
// (tests/support/node_process: fork/exec of `troupe node --listen
// 127.0.0.1:0`), started once and stopped with SIGTERM at the end; their
// CPU time per arm comes from /proc/PID/stat. The arms take turns, the
// first rotating from repetition to repetition.

#include "bench/support/bench_scenario.hpp"
#include "bench/support/concurrent_runs.hpp"
#include "bench/support/process_cpu.hpp"
#include "bench/support/run_benchmark.hpp"
#include "bench/support/temp_folder.hpp"
#include "runtime/system_setup.hpp"
#include "tests/support/node_process.hpp"

#include <array>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <vector>

using namespace troupe;
using namespace troupe::bench;

namespace {

constexpr const char* about =
    "Distributed: N concurrent research-assistant runs with their four agents in "
    "this process (baseline), on one troupe node process, or on two (tasks spread "
    "round robin), against a fake model with a fixed latency per call; runs/s, "
    "ratios to the local arm, CPU time of this process and of the nodes.";
constexpr const char* scenario_file =
    TROUPE_SOURCE_DIR "/scenarios/research_assistant.json";
constexpr std::chrono::milliseconds latency{50};
constexpr std::size_t runs_full = 200;

struct arm {
  const char* name;
  std::size_t nodes; // how many of the node processes its agents are placed on
};

constexpr std::array<arm, 3> arms{{
    {"local, agents in process (baseline)", 0},
    {"1 node process", 1},
    {"2 node processes", 2},
}};

/// The scenario as `troupe run` loads it, and the same with every agent
/// placed on the first 1 and 2 nodes.
struct scenario_setup : bench_scenario {
  std::array<scenario_spec, arms.size()> specs;
  std::string agent_ids;

  explicit scenario_setup(const std::vector<std::string>& nodes)
      : bench_scenario(scenario_file) {
    for (const auto& a : spec.agents)
      agent_ids += (agent_ids.empty() ? "" : ", ") + a.id;
    for (std::size_t i = 0; i < arms.size(); ++i) {
      specs[i] = spec;
      std::vector<std::string> placed{nodes.begin(), nodes.begin() + arms[i].nodes};
      if (placed.empty())
        continue;
      for (auto& a : specs[i].agents) {
        a.placement.nodes = placed;
        a.placement.fallback = "none";
      }
    }
  }
};

/// The node processes, a and b.
struct node_pair {
  temp_folder logs{"troupe-distributed-nodes"};
  std::vector<std::unique_ptr<test::node_process>> nodes;

  node_pair() {
    for (const char* name : {"a", "b"})
      nodes.push_back(
          std::make_unique<test::node_process>(logs / (name + std::string{".log"})));
  }

  std::vector<std::string> addresses() const {
    std::vector<std::string> out;
    for (const auto& n : nodes)
      out.push_back(n->address());
    return out;
  }

  /// CPU seconds of the first `count` nodes, summed.
  double cpu_seconds(std::size_t count) const {
    double sum = 0;
    for (std::size_t i = 0; i < count; ++i) {
      auto s = process_cpu_seconds(nodes[i]->pid());
      if (s < 0)
        throw std::runtime_error("node " + nodes[i]->address() +
                                 " is gone; its log: " + nodes[i]->log());
      sum += s;
    }
    return sum;
  }

  /// The end of each node's log, for a failed arm.
  void print_logs(std::ostream& out, std::size_t count) const {
    for (std::size_t i = 0; i < count; ++i) {
      auto text = nodes[i]->log();
      if (text.size() > 2000)
        text = "..." + text.substr(text.size() - 2000);
      out << "node " << nodes[i]->address() << " log:\n" << text << "\n";
    }
  }

  /// SIGTERM to each; false when one did not end with status 0.
  bool stop() {
    bool clean = true;
    for (auto& n : nodes) {
      auto address = n->address();
      auto status = n->stop();
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::cerr << "node " << address << " ended with wait status " << status << "\n";
        clean = false;
      }
    }
    return clean;
  }
};

struct arm_sample {
  concurrent_runs_sample runs;
  double process_cpu_s = 0; // this process, all threads, over the arm
  double node_cpu_s = 0;    // the arm's nodes, summed
};

arm_sample run_arm(caf::actor_system& sys, const scenario_setup& setup,
                   const node_pair& nodes, const temp_folder& tmp, std::size_t i,
                   std::size_t runs) {
  concurrent_runs_config config{&setup.specs[i], &setup.agents, &setup.tools, runs,
                                latency,         tmp / "runs"};
  arm_sample out;
  auto node_cpu = nodes.cpu_seconds(arms[i].nodes);
  auto cpu = process_cpu_seconds();
  out.runs = run_concurrently(sys, config);
  out.process_cpu_s = process_cpu_seconds() - cpu;
  out.node_cpu_s = nodes.cpu_seconds(arms[i].nodes) - node_cpu;
  return out;
}

std::string format(const char* pattern, double x) {
  char text[64];
  std::snprintf(text, sizeof(text), pattern, x);
  return text;
}

struct tables {
  bench_table& time;
  bench_table& work;
};

double ideal_s(const concurrent_runs_sample& s) {
  return static_cast<double>(s.stages) * static_cast<double>(latency.count()) / 1000.0;
}

/// Whether the first run's tasks went where the arm placed its agents.
bool placed_as_asked(const arm& a, const concurrent_runs_sample& s) {
  return a.nodes == 0 ? s.node_tasks == 0
                      : s.node_tasks == s.traced_tasks &&
                            s.task_nodes == static_cast<int64_t>(a.nodes);
}

void record(tables& t, const arm& a, const arm_sample& x, const arm_sample& local) {
  const auto& s = x.runs;
  auto runs = static_cast<double>(s.runs);
  auto ideal = ideal_s(s);
  t.time.add(a.name, "wall s", s.wall_s);
  t.time.add(a.name, "ideal s", ideal);
  if (ideal > 0)
    t.time.add(a.name, "wall / ideal", s.wall_s / ideal);
  t.time.add(a.name, "runs/s", runs / s.wall_s);
  t.time.add(a.name, "runs/s vs local", local.runs.wall_s / s.wall_s);
  t.time.add(a.name, "model calls/run", static_cast<double>(s.model_calls) / runs);
  t.time.add(a.name, "failed or lost", static_cast<double>(s.failed));
  t.work.add(a.name, "this process CPU s", x.process_cpu_s);
  t.work.add(a.name, "node CPU s", x.node_cpu_s);
  t.work.add(a.name, "this process CPU ms/run", x.process_cpu_s * 1e3 / runs);
  t.work.add(a.name, "node CPU ms/run", x.node_cpu_s * 1e3 / runs);
  t.work.add(a.name, "node CPU / wall", x.node_cpu_s / s.wall_s);
  t.work.add(a.name, "tasks/run", static_cast<double>(s.traced_tasks));
  t.work.add(a.name, "tasks on nodes/run", static_cast<double>(s.node_tasks));
  t.work.add(a.name, "nodes used", static_cast<double>(s.task_nodes));
}

/// One repetition: every arm once, the first arm rotating with `rep`.
/// Answers the runs that failed or were lost, and the arms whose tasks did
/// not go where they were placed.
std::size_t repetition(caf::actor_system& sys, const scenario_setup& setup,
                       const node_pair& nodes, const temp_folder& tmp, std::size_t runs,
                       int rep, tables& t) {
  std::array<arm_sample, arms.size()> samples;
  for (std::size_t k = 0; k < arms.size(); ++k) {
    auto i = (static_cast<std::size_t>(rep) + k) % arms.size();
    samples[i] = run_arm(sys, setup, nodes, tmp, i, runs);
  }
  std::size_t failed = 0;
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const auto& s = samples[i].runs;
    record(t, arms[i], samples[i], samples[0]);
    failed += s.failed;
    if (s.failed) {
      std::cerr << arms[i].name << ": " << s.failed << " failed or lost (" << s.lost
                << " lost), first: " << s.first_failure << "\n";
      nodes.print_logs(std::cerr, arms[i].nodes);
    }
    if (!placed_as_asked(arms[i], s)) {
      std::cerr << arms[i].name << ": the first run sent " << s.node_tasks << " of "
                << s.traced_tasks << " tasks to " << s.task_nodes << " nodes\n";
      ++failed;
    }
  }
  return failed;
}

void add_targets(bench_report& report, const tables& t) {
  for (const auto& a : arms) {
    auto failed = t.time.at(a.name, "failed or lost").max;
    report.add_target({std::string{a.name} + ": runs failed or lost", "0",
                       format("%.0f", failed), failed == 0});
    if (a.nodes == 0)
      continue;
    auto used = t.work.at(a.name, "nodes used");
    report.add_target({std::string{a.name} + ": nodes the tasks went to",
                       std::to_string(a.nodes), format("%.0f", used.min),
                       used.min == static_cast<double>(a.nodes) &&
                           used.max == static_cast<double>(a.nodes)});
  }
}

bool run(caf::actor_system& sys, bench_report& report, const bench_options& options) {
  node_pair nodes;
  scenario_setup setup{nodes.addresses()};
  temp_folder tmp{"troupe-distributed"};
  auto runs = options.calls(runs_full);
  auto name = std::to_string(runs) + " concurrent runs, " +
              std::to_string(latency.count()) + " ms per model call";
  tables t{
      report.add_table("Runs per second, " + name,
                       {"wall s", "ideal s", "wall / ideal", "runs/s", "runs/s vs local",
                        "model calls/run", "failed or lost"}),
      report.add_table("CPU time and placement, " + name,
                       {"this process CPU s", "node CPU s", "this process CPU ms/run",
                        "node CPU ms/run", "node CPU / wall", "tasks/run",
                        "tasks on nodes/run", "nodes used"})};
  // Warm-up: the corpus index, the page cache, the connections to the nodes.
  for (std::size_t i = 0; i < arms.size(); ++i)
    run_arm(sys, setup, nodes, tmp, i, 1);
  std::size_t failed = 0;
  for (int rep = 0; rep < options.reps; ++rep)
    failed += repetition(sys, setup, nodes, tmp, runs, rep, t);
  bool stopped = nodes.stop();
  report.add_note("Agents placed: " + setup.agent_ids +
                  ", each with placement.fallback \"none\"; nodes: `troupe node --listen "
                  "127.0.0.1:0`, started once by the benchmark, stopped with SIGTERM.");
  report.add_note("runs/s vs local: the local arm's wall time over the arm's, within "
                  "each repetition. tasks/run, tasks on nodes/run, nodes used: of the "
                  "first run's trace.");
  report.add_note("CPU s: user + system time over the arm, all threads (getrusage for "
                  "this process, /proc/PID/stat for the nodes: the arm's nodes summed); "
                  "CAF's idle workers polling are in both.");
  add_targets(report, t);
  return failed == 0 && stopped;
}

} // namespace

int main(int argc, char** argv) {
  return run_benchmark(argc, argv, "distributed", about, run,
                       [](caf::actor_system_config& cfg) { add_troupe_network(cfg); });
}

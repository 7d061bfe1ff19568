// Benchmark 3 of issue 7: hand-offs between the orchestrator and an agent.
//   caller --start--> orchestrator --task--> echo_agent --agent_result--> orchestrator
// The orchestrator is driven alone, as execute_run drives it, with a
// scenario of one agent: "chain" runs many single-task steps one after the
// other (a hop's latency); "fan-out" has the agent echo a list, then runs
// one for_each step over it (hop throughput), as summarize runs over the
// sources search found. The baseline sends the same tasks to the same agent
// from an event-based driver: one at a time, then all at once. The agent
// notes when each task arrives; the gap between two arrivals is one hop.

#include "bench/support/load_driver.hpp"
#include "bench/support/null_trace.hpp"
#include "bench/support/run_benchmark.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/orchestrator.hpp"

#include <caf/scoped_actor.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace troupe;
using namespace troupe::bench;

namespace {

constexpr const char* about =
    "Agent hand-off: orchestrator -> agent -> orchestrator hops, the orchestrator "
    "driving a scenario of one echo agent, vs the same tasks sent to the same agent "
    "from a plain event-based actor.";
constexpr const char* baseline = "raw CAF, event-based driver (baseline)";
constexpr const char* with_trace = "orchestrator, trace to /dev/null";
constexpr const char* without_trace = "orchestrator, no trace";
constexpr std::size_t chain_steps_full = 10000;
constexpr std::size_t fan_out_full = 10000;
constexpr const char* question = "How do sodium batteries age?";

agent_registry echo_registry(arrival_log arrivals) {
  agent_type echo;
  echo.name = "echo";
  echo.factory = [arrivals](caf::actor_system& sys, agent_env) -> agent_actor {
    return sys.spawn(echo_agent, arrivals);
  };
  agent_registry registry;
  registry.add(std::move(echo));
  return registry;
}

scenario_spec echo_scenario(std::vector<step_spec> flow) {
  scenario_spec spec;
  spec.name = "handoff";
  spec.agents.push_back({"echo", "echo", "", std::nullopt, "", {}, {}});
  spec.flow = std::move(flow);
  spec.limits.max_steps = static_cast<int>(spec.flow.size()) + 1;
  spec.limits.max_handoffs = 1 << 30; // the fan-out's tasks are the measurement
  spec.limits.deadline = std::chrono::minutes{10};
  return spec;
}

/// `steps` steps, each one task asking the question.
scenario_spec chain(std::size_t steps) {
  std::vector<step_spec> flow(steps);
  for (std::size_t i = 0; i < steps; ++i)
    flow[i] = {"s" + std::to_string(i),
               "echo",
               {{"query", "{{inputs.question}}"}},
               "",
               {},
               std::nullopt};
  return echo_scenario(std::move(flow));
}

/// A step whose output is a list of `items` numbers, then one step with a
/// task per number. The list is not a run input: every reference to an
/// input copies all inputs (binding_context::resolve), once per task.
scenario_spec fan_out(std::size_t items) {
  boost::json::array list;
  for (std::size_t i = 0; i < items; ++i)
    list.emplace_back(static_cast<int64_t>(i));
  step_spec produce{"list", "echo", {{"items", std::move(list)}}, "", {}, std::nullopt};
  step_spec fan{
      "fan",        "echo", {{"query", "{{inputs.question}}"}, {"item", "{{item}}"}},
      "list.items", {},     std::nullopt};
  return echo_scenario({std::move(produce), std::move(fan)});
}

/// The same tasks as the scenarios send, for the baseline.
std::vector<task> echo_tasks(std::size_t n) {
  std::vector<task> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].run_id = "bench";
    out[i].step_id = "s" + std::to_string(i);
    out[i].agent_id = "echo";
    out[i].span_id = "run/s" + std::to_string(i) + "#1/t0";
    out[i].inputs = boost::json::object{{"query", question}};
  }
  return out;
}

/// Gaps between consecutive arrivals: one full hop each.
std::vector<int64_t> hop_times(const std::vector<int64_t>& arrivals) {
  std::vector<int64_t> out;
  for (std::size_t i = 1; i < arrivals.size(); ++i)
    out.push_back(arrivals[i] - arrivals[i - 1]);
  return out;
}

load_sample orchestrated(caf::actor_system& sys, const scenario_spec& spec, bool trace) {
  auto arrivals = std::make_shared<std::vector<int64_t>>();
  auto registry = echo_registry(arrivals);
  boost::json::object inputs{{"question", question}};
  run_plan plan{"bench", spec, std::move(inputs), &registry, {}, {},  {}, true,
                {},      {},   std::nullopt,      {},        {}, true};
  if (trace)
    plan.trace = spawn_null_trace(sys);
  auto sink = plan.trace;
  auto orchestrator_actor = sys.spawn(orchestrator, std::move(plan));
  caf::scoped_actor self{sys};
  load_sample sample;
  auto start = now_ns();
  self->request(orchestrator_actor, wait_timeout, start_atom::value)
      .receive(
          [&](run_outcome& outcome) {
            if (outcome.status != "succeeded")
              throw std::runtime_error("the run ended " + outcome.status + ": " +
                                       outcome.error);
          },
          [&](caf::error& err) { throw std::runtime_error(describe(err)); });
  if (sink) {
    drain_trace(sys, sink);
    self->send_exit(sink, caf::exit_reason::user_shutdown);
  }
  sample.wall = std::chrono::nanoseconds{now_ns() - start};
  sample.calls = arrivals->size();
  sample.latencies_ns = hop_times(*arrivals);
  return sample;
}

load_sample direct(caf::actor_system& sys, std::size_t tasks, std::size_t window) {
  auto arrivals = std::make_shared<std::vector<int64_t>>();
  auto agent = sys.spawn(echo_agent, arrivals);
  auto sample = run_load<agent_result>(sys, agent, echo_tasks(tasks), window);
  caf::anon_send_exit(agent, caf::exit_reason::user_shutdown);
  sample.latencies_ns = hop_times(*arrivals);
  return sample;
}

struct tables {
  bench_table& chain;
  bench_table& fan_out;
};

void record(tables& t, const char* arm, const load_sample& seq, const load_sample& fan,
            const load_sample& base_seq, const load_sample& base_fan) {
  t.chain.add(arm, "hops/s", seq.calls_per_second());
  t.chain.add(arm, "vs raw CAF", seq.calls_per_second() / base_seq.calls_per_second());
  t.chain.add(arm, "p50 us", seq.percentile_us(50));
  t.chain.add(arm, "p99 us", seq.percentile_us(99));
  t.fan_out.add(arm, "hops/s", fan.calls_per_second());
  t.fan_out.add(arm, "vs raw CAF", fan.calls_per_second() / base_fan.calls_per_second());
}

void repetition(caf::actor_system& sys, std::size_t steps, std::size_t items, tables* t) {
  auto base_seq = direct(sys, steps, 1);
  auto base_fan = direct(sys, items, items);
  if (t)
    record(*t, baseline, base_seq, base_fan, base_seq, base_fan);
  auto chain_spec = chain(steps);
  auto fan_spec = fan_out(items);
  for (bool trace : {true, false}) {
    auto seq = orchestrated(sys, chain_spec, trace);
    auto fan = orchestrated(sys, fan_spec, trace);
    if (t)
      record(*t, trace ? with_trace : without_trace, seq, fan, base_seq, base_fan);
  }
}

bool run(caf::actor_system& sys, bench_report& report, const bench_options& options) {
  auto steps = options.calls(chain_steps_full);
  auto items = options.calls(fan_out_full);
  tables t{report.add_table("Chain: " + std::to_string(steps) +
                                " single-task steps in a row (hop = task arrival to "
                                "next task arrival)",
                            {"hops/s", "vs raw CAF", "p50 us", "p99 us"}),
           report.add_table("Fan-out: one for_each step over " + std::to_string(items) +
                                " items, all tasks in flight at once",
                            {"hops/s", "vs raw CAF"})};
  repetition(sys, steps / 10, items / 10, nullptr); // warm-up
  for (int rep = 0; rep < options.reps; ++rep)
    repetition(sys, steps, items, &t);
  return true; // a failed run throws
}

} // namespace

int main(int argc, char** argv) {
  return run_benchmark(argc, argv, "agent_handoff", about, run);
}

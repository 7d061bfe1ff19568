// Benchmark 1 of issue 7: what the model router adds to a model call.
//   caller --model_request--> router --model_request--> fixed_provider
//          (router --reserve/settle--> budget guard, --trace_event--> sink)
// against the same calls to echo_model: one plain CAF round trip each.
// Three ways of calling, each on every arm of every repetition:
//   scoped  one call at a time from a scoped (blocking) actor
//   event   one call at a time from an event-based actor, as agents call
//   load    a thousand calls in flight from an event-based actor
// The arms that leave out the cache, the budget or the trace show where
// the router's time goes.

#include "bench/support/router_path.hpp"
#include "bench/support/run_benchmark.hpp"
#include "bench/support/sequential_calls.hpp"

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace troupe;
using namespace troupe::bench;

namespace {

constexpr const char* about =
    "Model-call overhead: calls through the model router to an in-process provider "
    "that answers at once, vs plain CAF request/response round trips.";
constexpr const char* baseline = "raw CAF round trip (baseline)";
constexpr const char* full_path = "router, full path (cache miss)";
constexpr std::size_t scoped_calls_full = 5000;
constexpr std::size_t event_calls_full = 20000;
constexpr std::size_t load_calls_full = 50000;
constexpr std::size_t in_flight = 1000;

struct arm {
  const char* name;
  std::optional<router_parts> parts; // none: the baseline, no router
};

const std::vector<arm>& arms() {
  static const std::vector<arm> all{
      {baseline, std::nullopt},
      {full_path, router_parts{true, true, true}},
      {"router, cache off", router_parts{false, true, true}},
      {"router, no budget guard", router_parts{true, false, true}},
      {"router, no trace", router_parts{true, true, false}},
      {"router, bare (no cache, budget, trace)", router_parts{false, false, false}},
  };
  return all;
}

struct call_counts {
  std::size_t scoped, event, load;
};

struct arm_samples {
  load_sample scoped, event, load;
};

provider_spec bench_provider() {
  provider_spec spec;
  spec.name = "bench";
  spec.type = "openai";
  return spec;
}

void expect_answers(const load_sample& sample, const char* arm) {
  if (sample.failures > 0)
    throw std::runtime_error(std::string{arm} + ": " + std::to_string(sample.failures) +
                             " calls failed");
}

/// The three ways of calling against `target`, each with prompts of its own.
/// `drain` waits for the trace the calls left behind and says how long
/// that took: a sink that cannot keep up is part of the cost under load.
template <class Drain>
arm_samples call_patterns(caf::actor_system& sys, const model_actor& target,
                          const call_counts& n, Drain drain) {
  arm_samples out;
  out.scoped = sequential_calls<model_response>(sys, target, distinct_requests(n.scoped));
  out.event =
      run_load<model_response>(sys, target, distinct_requests(n.event, n.scoped), 1);
  drain();
  out.load = run_load<model_response>(
      sys, target, distinct_requests(n.load, n.scoped + n.event), in_flight);
  out.load.wall += std::chrono::nanoseconds{drain()};
  return out;
}

arm_samples measure(caf::actor_system& sys, const arm& a, const call_counts& n) {
  if (!a.parts) {
    auto echo = sys.spawn(echo_model);
    auto out = call_patterns(sys, echo, n, [] { return int64_t{0}; });
    caf::anon_send_exit(echo, caf::exit_reason::user_shutdown);
    return out;
  }
  auto provider = sys.spawn(fixed_provider);
  router_path path{sys, provider, bench_provider(), *a.parts};
  auto out = call_patterns(sys, path.router(), n, [&] { return path.drain_trace(); });
  caf::anon_send_exit(provider, caf::exit_reason::user_shutdown);
  return out;
}

struct tables {
  bench_table& scoped;
  bench_table& event;
  bench_table& load;
};

void record_latency(bench_table& t, const char* arm, const load_sample& s,
                    const load_sample& base) {
  t.add(arm, "p50 us", s.percentile_us(50));
  t.add(arm, "p99 us", s.percentile_us(99));
  t.add(arm, "p50 vs raw CAF", s.percentile_us(50) / base.percentile_us(50));
}

void record(tables& t, const char* arm, const arm_samples& s, const arm_samples& base) {
  record_latency(t.scoped, arm, s.scoped, base.scoped);
  record_latency(t.event, arm, s.event, base.event);
  t.load.add(arm, "calls/s", s.load.calls_per_second());
  t.load.add(arm, "vs raw CAF", s.load.calls_per_second() / base.load.calls_per_second());
  t.load.add(arm, "p50 us", s.load.percentile_us(50));
  t.load.add(arm, "p99 us", s.load.percentile_us(99));
}

void repetition(caf::actor_system& sys, const call_counts& n, tables* t) {
  std::optional<arm_samples> base;
  for (const auto& a : arms()) {
    auto samples = measure(sys, a, n);
    for (const auto* s : {&samples.scoped, &samples.event, &samples.load})
      expect_answers(*s, a.name);
    if (!base)
      base = samples;
    if (t)
      record(*t, a.name, samples, *base);
  }
}

std::string format(const char* pattern, double x) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, x);
  return text;
}

void add_targets(bench_report& report, const tables& t) {
  auto event_p50 = t.event.at(full_path, "p50 us").median;
  auto event_ratio = t.event.at(full_path, "p50 vs raw CAF").median;
  auto scoped_p50 = t.scoped.at(full_path, "p50 us").median;
  auto rate = t.load.at(full_path, "calls/s").median;
  report.add_target({"full path p50, event-based caller", "<= 5 us",
                     format("%.1f us", event_p50), event_p50 <= 5.0});
  report.add_target({"full path p50 vs raw CAF, event-based caller", "<= 5x",
                     format("%.1fx", event_ratio), event_ratio <= 5.0});
  report.add_target({"full path p50, scoped-actor caller", "<= 5 us",
                     format("%.1f us", scoped_p50), scoped_p50 <= 5.0});
  report.add_target({"full path throughput, 1000 in flight", ">= 100000 calls/s",
                     format("%.0f calls/s", rate), rate >= 100000});
}

tables add_tables(bench_report& report, const call_counts& n) {
  auto latency = [](std::size_t calls, const char* how) {
    return "Latency, one call at a time from " + std::string{how} + " (" +
           std::to_string(calls) + " calls)";
  };
  std::vector<std::string> latency_columns{"p50 us", "p99 us", "p50 vs raw CAF"};
  return {report.add_table(latency(n.scoped, "a scoped actor"), latency_columns),
          report.add_table(latency(n.event, "an event-based actor"), latency_columns),
          report.add_table("Throughput, " + std::to_string(in_flight) +
                               " calls in flight from an event-based actor (" +
                               std::to_string(n.load) + " calls)",
                           {"calls/s", "vs raw CAF", "p50 us", "p99 us"})};
}

bool run(caf::actor_system& sys, bench_report& report, const bench_options& options) {
  call_counts n{options.calls(scoped_calls_full), options.calls(event_calls_full),
                options.calls(load_calls_full)};
  auto t = add_tables(report, n);
  repetition(sys, {n.scoped / 10, n.event / 10, n.load / 10}, nullptr); // warm-up
  for (int rep = 0; rep < options.reps; ++rep)
    repetition(sys, n, &t);
  add_targets(report, t);
  return true; // a failed call throws
}

} // namespace

int main(int argc, char** argv) {
  return run_benchmark(argc, argv, "model_call", about, run);
}

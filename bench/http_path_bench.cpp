// Benchmark 2 of issue 7: model calls over HTTP.
//   driver --model_request--> router --> http_provider --> http_transport
//          (curl multi thread) --HTTP--> fixed_answer_server (epoll thread)
// against the same requests sent straight through libcurl's multi
// interface (curl_multi_load) to the same server, at the same concurrency.
// The router path is the full one: cache (missing), budget, trace. A third
// arm calls the http_provider directly, to tell the transport's share of
// the cost from the router's.

#include "bench/support/curl_multi_load.hpp"
#include "bench/support/fixed_answer_server.hpp"
#include "bench/support/load_driver.hpp"
#include "bench/support/router_path.hpp"
#include "bench/support/run_benchmark.hpp"
#include "runtime/model/provider/http_provider.hpp"
#include "runtime/model/provider/provider_codec.hpp"
#include "tests/support/provider_bodies.hpp"

#include <caf/scoped_actor.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace troupe;
using namespace troupe::bench;

namespace {

constexpr const char* about =
    "HTTP path: calls through router, http_provider and http_transport to a local "
    "OpenAI-compatible fixed-answer server, vs raw libcurl multi requests to the same "
    "server.";
constexpr std::size_t concurrency_levels[] = {1, 16, 64, 256};
constexpr std::size_t calls_full = 10000;
constexpr double ratio_goal = 0.9;

/// The server, the process's transport and one HTTP provider pointed at it.
struct http_setup {
  fixed_answer_server server{
      test::openai_chat_body("A fixed answer from the benchmark's fixed-answer server.",
                             20, 50, "stop", "bench-model")};
  provider_spec spec;
  std::shared_ptr<http_transport> transport = std::make_shared<http_transport>();
  http_provider_actor provider;

  explicit http_setup(caf::actor_system& sys) {
    spec.name = "fixed";
    spec.type = "openai";
    spec.base_url = server.base_url();
    provider = sys.spawn(http_provider, spec, transport);
  }

  /// The provider must be gone before the transport it shares.
  void stop(caf::actor_system& sys) {
    caf::scoped_actor self{sys};
    self->send_exit(provider, caf::exit_reason::user_shutdown);
    self->wait_for(provider);
  }

  /// The request the provider sends for a typical call, for curl to send too.
  http_request encoded_request() const {
    auto request = distinct_requests(1).front();
    request.model = "bench-model";
    return make_provider_codec(spec)->encode(request, spec, "");
  }
};

std::string level_name(std::size_t concurrency) {
  return "concurrency " + std::to_string(concurrency);
}

/// Requests as the router hands them to a provider: the model set.
std::vector<model_request> provider_requests(std::size_t n) {
  auto out = distinct_requests(n);
  for (auto& request : out)
    request.model = "bench-model";
  return out;
}

struct tables {
  bench_table& throughput;
  bench_table& latency;
};

struct http_samples {
  load_sample curl, provider, router;
};

http_samples measure(caf::actor_system& sys, http_setup& setup, std::size_t concurrency,
                     std::size_t calls) {
  http_samples out;
  out.curl = curl_multi_load(setup.encoded_request(), calls, concurrency);
  provider_actor provider{setup.provider};
  out.provider =
      run_load<attempt_result>(sys, provider, provider_requests(calls), concurrency);
  router_path path{sys, provider, setup.spec, router_parts{}};
  out.router =
      run_load<model_response>(sys, path.router(), distinct_requests(calls), concurrency);
  out.router.wall += std::chrono::nanoseconds{path.drain_trace()};
  return out;
}

void record(tables& t, std::size_t concurrency, const http_samples& s) {
  auto level = level_name(concurrency);
  auto curl_rate = s.curl.calls_per_second();
  t.throughput.add(level, "curl calls/s", curl_rate);
  t.throughput.add(level, "provider calls/s", s.provider.calls_per_second());
  t.throughput.add(level, "router calls/s", s.router.calls_per_second());
  t.throughput.add(level, "provider vs curl", s.provider.calls_per_second() / curl_rate);
  t.throughput.add(level, "router vs curl", s.router.calls_per_second() / curl_rate);
  t.throughput.add(
      level, "failed",
      static_cast<double>(s.curl.failures + s.provider.failures + s.router.failures));
  for (auto [name, sample] :
       {std::pair{"curl", &s.curl}, std::pair{"provider", &s.provider},
        std::pair{"router", &s.router}}) {
    t.latency.add(level, std::string{name} + " p50 us", sample->percentile_us(50));
    t.latency.add(level, std::string{name} + " p99 us", sample->percentile_us(99));
  }
}

/// Adds the targets; false when any request failed.
bool add_targets(bench_report& report, const bench_table& table) {
  double failed = 0;
  for (auto concurrency : concurrency_levels) {
    auto level = level_name(concurrency);
    auto ratio = table.at(level, "router vs curl").median;
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", ratio);
    report.add_target(
        {"router vs curl throughput, " + level, ">= 0.9", text, ratio >= ratio_goal});
    failed += table.at(level, "failed").max;
  }
  report.add_target({"failed requests (worst repetition, all levels)", "0",
                     std::to_string(static_cast<int64_t>(failed)), failed == 0});
  return failed == 0;
}

bool run(caf::actor_system& sys, bench_report& report, const bench_options& options) {
  auto calls = options.calls(calls_full);
  auto per_arm = " (" + std::to_string(calls) + " calls per arm and level)";
  tables t{report.add_table("Throughput by concurrency" + per_arm,
                            {"curl calls/s", "provider calls/s", "router calls/s",
                             "provider vs curl", "router vs curl", "failed"}),
           report.add_table("Latency by concurrency" + per_arm,
                            {"curl p50 us", "curl p99 us", "provider p50 us",
                             "provider p99 us", "router p50 us", "router p99 us"})};
  http_setup setup{sys};
  measure(sys, setup, 16, calls / 10); // warm-up
  for (int rep = 0; rep < options.reps; ++rep)
    for (auto concurrency : concurrency_levels)
      record(t, concurrency, measure(sys, setup, concurrency, calls));
  setup.stop(sys);
  report.add_note("Fixed-answer server: " +
                  std::to_string(setup.server.requests_served()) + " requests on " +
                  std::to_string(setup.server.connections_accepted()) + " connections.");
  return add_targets(report, t.throughput);
}

} // namespace

int main(int argc, char** argv) {
  return run_benchmark(argc, argv, "http_path", about, run);
}

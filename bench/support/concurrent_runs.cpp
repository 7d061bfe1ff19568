#include "bench/support/concurrent_runs.hpp"

#include "bench/support/delayed_provider.hpp"
#include "bench/support/trivial_actors.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_session.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

namespace troupe::bench {

namespace fs = std::filesystem;

namespace {

/// The reports as they come, from the runs' own actors.
struct report_board {
  std::mutex mutex;
  std::condition_variable all_in;
  std::size_t expected = 0;
  std::size_t received = 0;
  std::size_t failed = 0;
  std::string first_failure;
  int64_t last_ns = 0;

  void take(const caf::expected<run_report>& report) {
    std::lock_guard<std::mutex> guard{mutex};
    auto status = report ? report->outcome.status : "no report";
    if (status != "succeeded") {
      ++failed;
      if (first_failure.empty())
        first_failure =
            status + ": " + (report ? report->outcome.error : describe(report.error()));
    }
    if (++received == expected) {
      last_ns = now_ns();
      all_in.notify_all();
    }
  }
};

std::string run_dir(const std::string& root, std::size_t i) {
  return root + "/run-" + std::to_string(i);
}

/// Starts every run; a run that cannot start is reported as failed.
void start_all(caf::actor_system& sys, const concurrent_runs_config& config,
               const model_services& services, std::shared_ptr<report_board> board) {
  for (std::size_t i = 0; i < config.runs; ++i) {
    run_options opts;
    opts.run_id = "scale-" + std::to_string(i);
    opts.out_dir = run_dir(config.out_root, i);
    opts.services = &services;
    opts.write_files = config.write_files || i == 0;
    auto started = start_run(sys, *config.spec, *config.agents, *config.tools, opts,
                             [board](caf::expected<run_report> r) { board->take(r); });
    if (!started)
      board->take(started.error());
  }
}

/// Waits for the reports, noting the most threads seen meanwhile.
void await_all(report_board& board, const concurrent_runs_config& config,
               concurrent_runs_sample& sample) {
  auto limit = std::chrono::steady_clock::now() + config.wait_limit;
  std::unique_lock<std::mutex> lock{board.mutex};
  while (board.received < board.expected && std::chrono::steady_clock::now() < limit) {
    board.all_in.wait_for(lock, std::chrono::milliseconds{20});
    sample.peak_threads = std::max(sample.peak_threads, process_status::read().threads);
  }
  sample.lost = board.expected - board.received;
  sample.failed = board.failed + sample.lost;
  sample.first_failure = board.first_failure;
}

/// Model calls in a trace, and how many step executions hold them: the
/// steps run one after another, the calls of one step at once. Also the
/// tasks, and where they went.
void read_stages(const std::string& trace_path, concurrent_runs_sample& sample) {
  std::ifstream in{trace_path};
  std::set<std::string> steps;
  std::set<std::string> nodes;
  std::string line;
  while (std::getline(in, line)) {
    auto event = boost::json::parse(line).as_object();
    if (event.at("kind") == "task") {
      ++sample.traced_tasks;
      const auto* attributes = event.if_contains("attributes");
      const auto* node = attributes && attributes->is_object()
                             ? attributes->as_object().if_contains("troupe.node")
                             : nullptr;
      if (node != nullptr && node->is_string()) {
        ++sample.node_tasks;
        nodes.insert(std::string{node->as_string()});
      }
      continue;
    }
    if (event.at("kind") != "model_call")
      continue;
    ++sample.traced_calls;
    std::string span{event.at("span_id").as_string().c_str()}; // run/STEP#N/tK/mJ
    steps.insert(span.substr(0, span.find('/', span.find('/') + 1)));
  }
  sample.stages = static_cast<int64_t>(steps.size());
  sample.task_nodes = static_cast<int64_t>(nodes.size());
}

void read_outputs(const concurrent_runs_config& config, concurrent_runs_sample& sample) {
  auto first = run_dir(config.out_root, 0);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator{first, ec})
    sample.files.push_back(entry.path().filename().string());
  std::sort(sample.files.begin(), sample.files.end());
  read_stages(first + "/trace.jsonl", sample);
  auto mean_size = [&](const char* name) {
    double bytes = 0;
    for (std::size_t i = 0; i < config.runs; ++i) {
      auto size = fs::file_size(run_dir(config.out_root, i) + "/" + name, ec);
      bytes += ec ? 0.0 : static_cast<double>(size);
    }
    return bytes / static_cast<double>(config.runs);
  };
  sample.result_bytes = mean_size("result.json");
  sample.state_bytes = mean_size("state.json");
  sample.trace_bytes = mean_size("trace.jsonl");
}

} // namespace

concurrent_runs_sample run_concurrently(caf::actor_system& sys,
                                        const concurrent_runs_config& config) {
  concurrent_runs_sample sample;
  sample.runs = config.runs;
  auto calls = std::make_shared<std::atomic<int64_t>>(0);
  auto services = start_model_services(sys, config.file_writers);
  auto local = services.local;
  services.local = sys.spawn(delayed_provider, local, config.latency, calls);
  fs::create_directories(config.out_root);
  auto board = std::make_shared<report_board>();
  board->expected = config.runs;
  process_status::reset_peak();
  sample.before = process_status::read();
  auto start = now_ns();
  start_all(sys, config, services, board);
  sample.start_s = static_cast<double>(now_ns() - start) / 1e9;
  await_all(*board, config, sample);
  sample.after = process_status::read();
  sample.wall_s =
      static_cast<double>((sample.lost ? now_ns() : board->last_ns) - start) / 1e9;
  sample.model_calls = calls->load();
  if (sample.lost == 0)
    stop_model_services(services); // a lost run may still use them
  caf::anon_send_exit(local, caf::exit_reason::user_shutdown);
  read_outputs(config, sample);
  std::error_code ec;
  fs::remove_all(config.out_root, ec);
  return sample;
}

} // namespace troupe::bench

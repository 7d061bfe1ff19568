#pragma once

// Many runs of one scenario at once in this process, as a server would start
// them: each through start_run, no thread per run, all sharing one set of
// process-wide services whose model is the fixed-latency fake
// (delayed_provider in front of the offline `local` provider). Waits for
// every report, then reads what one run recorded in its trace.

#include "bench/support/process_status.hpp"
#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/tool/tool_registry.hpp"

#include <caf/actor_system.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe::bench {

struct concurrent_runs_config {
  const scenario_spec* spec = nullptr;
  const agent_registry* agents = nullptr;
  const tool_registry* tools = nullptr;
  std::size_t runs = 1;
  std::chrono::milliseconds latency{0};
  std::string out_root;                 // the runs' folders go below; deleted after
  std::size_t file_writers = 16;        // threads of the shared atomic file writer
  std::chrono::seconds wait_limit{900}; // runs without a report by then are lost
  /// false: the runs write no files (run_options.write_files), but for the
  /// first, whose trace says how many sequential stages a run has.
  bool write_files = true;
};

struct concurrent_runs_sample {
  std::size_t runs = 0;
  std::size_t failed = 0; // a report with another status than "succeeded", or none
  std::size_t lost = 0;   // no report within the wait limit
  std::string first_failure;
  double wall_s = 0;       // first start_run to last report
  double start_s = 0;      // first start_run to the return of the last one
  int64_t model_calls = 0; // calls the fake model took, all runs
  /// Of the first run's trace: model calls, and the sequential stages they
  /// form (step executions with at least one model call).
  int64_t traced_calls = 0;
  int64_t stages = 0;
  /// Also of the first run's trace, for runs whose agents are placed on
  /// `troupe node`s: tasks sent, those sent to an agent on a node, and the
  /// distinct nodes they went to.
  int64_t traced_tasks = 0;
  int64_t node_tasks = 0;
  int64_t task_nodes = 0;
  process_status before; // just before the first run starts
  process_status after;  // when the last report came, peak since the arm began
  int64_t peak_threads = 0;
  /// Mean sizes of what a run wrote: the text it produced. state.json holds
  /// the run's data (every step's output), the nearest measure of what a
  /// live run keeps in memory as payload.
  double result_bytes = 0;
  double state_bytes = 0;
  double trace_bytes = 0;
  std::vector<std::string> files; // what the first run wrote into its folder
};

/// Throws std::runtime_error when the services cannot start.
concurrent_runs_sample run_concurrently(caf::actor_system& sys,
                                        const concurrent_runs_config& config);

} // namespace troupe::bench

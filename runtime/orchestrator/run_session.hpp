#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/messages/run_outcome.hpp"
#include "runtime/orchestrator/approvers.hpp"
#include "runtime/orchestrator/model_services.hpp"
#include "runtime/orchestrator/saved_run.hpp"
#include "runtime/scenario/scenario_spec.hpp"
#include "runtime/tool/tool_registry.hpp"

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <functional>
#include <map>
#include <string>

namespace troupe {

struct run_options {
  std::string run_id;  // empty: a new id from the clock and a random suffix
  std::string out_dir; // empty: runs/<run_id>
  std::map<std::string, std::string> inputs;
  bool capture_content = true;
  bool write_trace = true; // false: --trace off, no trace file (progress still shows)
  /// false: the run writes no file at all (no output folder, trace.jsonl,
  /// state.json, result.json or report.md) and its outcome is only in the
  /// run_report: for programs that embed Troupe and keep what they need in
  /// memory. Such a run cannot be resumed.
  bool write_files = true;
  bool use_cache = true; // false: --no-cache, every request goes to a model
  caf::actor listener;   // receives a copy of every trace event, e.g. for progress
  approval_mode approval = approval_mode::none; // who decides approval steps
  /// Recorded in state.json so that `troupe resume` loads the run the same way.
  load_options load;
  /// Called with the orchestrator once the run has started, e.g. to send it
  /// an interrupt_atom on SIGINT; called with an invalid handle when it ends.
  /// Called from the run's own actor: it must be thread-safe.
  std::function<void(caf::actor)> on_orchestrator;
  /// Set by `troupe resume`: the run to go on with, from its state.json. The
  /// run keeps its id, output folder, trace (appended to) and spend so far.
  const saved_run* resume = nullptr;
  /// The shared secret of the `troupe node`s the scenario places agents on
  /// (the CLI reads TROUPE_NODE_TOKEN); empty when they ask for none.
  std::string node_token;
  /// Shared with other runs of the process; null: the run starts its own.
  const model_services* services = nullptr;
};

/// Where a finished run left its files, and how it ended.
struct run_report {
  run_outcome outcome;
  std::string out_dir;
  std::string report_path;
  std::string result_path;
  std::string trace_path; // empty when the run wrote no trace
  /// Why the trace could not be written completely; empty when it was.
  std::string trace_error;
};

/// Receives a run's report once the run has ended and its files are
/// written, or why they could not be written.
using run_callback = std::function<void(caf::expected<run_report>)>;

/// Starts `spec` and returns at once: spawns the trace sink, the model router
/// and its HTTP providers, registers the run's budget caps, the tools and the
/// orchestrator, and an actor that drives the run to its end, writes
/// report.md, result.json and trace.jsonl into the output folder and calls
/// `done` once, from that actor (keep `done` short and thread-safe). No
/// thread waits for the run. `spec`, `agents`, `*options.services` and
/// `*options.resume` must outlive the run. Fails, without calling `done`, before the run
/// starts on bad inputs or unusable tools; a run that starts always yields a report,
/// whatever its status. Answers the run's session: send it interrupt_atom to
/// stop the run early (as the CLI does on SIGINT); it ends with the run.
caf::expected<caf::actor> start_run(caf::actor_system& sys, const scenario_spec& spec,
                                    const agent_registry& agents,
                                    const tool_registry& tools,
                                    const run_options& options, run_callback done);

/// Runs `spec` to the end with start_run and waits for its report. Blocks the
/// calling thread, so call it from main or a test, never from an actor.
caf::expected<run_report> execute_run(caf::actor_system& sys, const scenario_spec& spec,
                                      const agent_registry& agents,
                                      const tool_registry& tools,
                                      const run_options& options);

/// A fresh run id: UTC time and a random suffix, e.g. 20261122-223524-7f3a.
std::string make_run_id();

} // namespace troupe

#pragma once

namespace troupe {

/// The `troupe` command's exit codes, one per failure class (see README).
enum exit_code : int {
  exit_ok = 0,
  exit_run_failed = 1,     // an agent, model or tool failed during the run
  exit_usage = 2,          // bad command line
  exit_invalid_input = 3,  // scenario file or --input values rejected
  exit_limit_exceeded = 4, // deadline, max_steps or a budget cap stopped the run
  exit_setup_failed = 5,   // output folder, trace file or a tool could not start
  exit_rejected = 6,       // a person (or --reject) rejected an approval step
  exit_interrupted = 130,  // SIGINT or SIGTERM stopped the run; `troupe resume` goes on
};

} // namespace troupe

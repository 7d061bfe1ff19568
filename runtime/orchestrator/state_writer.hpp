#pragma once

// The state writer keeps a run's state.json, the file `troupe resume` reads.
//   orchestrator --run_checkpoint--> state_writer --budget_query--> budget guard
//   caller --close--> state_writer : writes the last checkpoint again with the
//                                    final spend, answers whether every write
//                                    succeeded, and ends
// Each checkpoint is written whole and atomically (temp file, fsync,
// rename) with the run's spend so far, so a run killed at any moment leaves
// the state of its last completed step. A blocking actor on a thread of its
// own: it waits for the disk and the ledger in order, and nobody waits for it
// but the final close.

#include "runtime/model/budget/budget_guard_actor.hpp"

#include <boost/json.hpp>
#include <caf/blocking_actor.hpp>
#include <string>

namespace troupe {

/// What state.json says besides the progress: the run, its scenario and
/// options (see run_state_file.hpp).
struct state_header {
  std::string path;      // DIR/state.json
  std::string run_scope; // the ledger scope of the run, "run:R"
  boost::json::object fields;
};

void state_writer(caf::blocking_actor* self, state_header header,
                  budget_guard_actor budget);

} // namespace troupe

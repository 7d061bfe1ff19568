#pragma once

// The state writer keeps a run's state.json, the file `troupe resume` reads.
//   orchestrator --run_checkpoint--> state_writer --budget_query--> budget guard
//                                    state_writer --put--> atomic file writer
//   caller --close--> state_writer : writes the last checkpoint again with the
//                                    final spend, answers whether every write
//                                    succeeded, and ends
// Each checkpoint is written whole and atomically with the run's spend so
// far, so a run killed at any moment leaves the state of its last completed
// step. An event-based actor without a thread of its own: it waits for the
// ledger without taking other messages (checkpoints stay in order) and hands
// the disk work to the process's atomic file writer.

#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/orchestrator/atomic_file_writer.hpp"

#include <boost/json.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <optional>
#include <string>

namespace troupe {

/// What state.json says besides the progress: the run, its scenario and
/// options (see run_state_file.hpp).
struct state_header {
  std::string path;      // DIR/state.json
  std::string run_scope; // the ledger scope of the run, "run:R"
  boost::json::object fields;
};

struct state_writer_state {
  static inline const char* name = "state_writer";
  state_header header;
  budget_guard_actor budget;
  atomic_file_writer_actor writer;
  std::optional<run_checkpoint> last;
  bool failed = false;
};

caf::behavior state_writer(caf::stateful_actor<state_writer_state>* self,
                           state_header header, budget_guard_actor budget,
                           atomic_file_writer_actor writer);

} // namespace troupe

#pragma once

// The atomic file writer writes whole files for the runs of a process
// (state.json after every step, result.json and report.md at the end).
//   anyone --(put, path, text)--> writer : writes `text` to `path` atomically
//                                          (temp file, fsync, rename); answers
//                                          true, or an io_failed error
// A detached actor: fsync waits for the disk, never on a scheduler thread.
// Writes coalesce: when several writes to one path wait in the mailbox, only
// the newest is written and every one of them is answered with its outcome,
// so a writer that falls behind the disk catches up instead of writing states
// that are already out of date. Writes to one path keep their order: send all
// of a path's writes to the same writer (see model_services::writer_for).

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <map>
#include <string>
#include <vector>

namespace troupe {

using atomic_file_writer_actor = caf::typed_actor<
    caf::replies_to<caf::put_atom, std::string, std::string>::with<bool>>;

/// The writer's own handle: the public interface plus its drain message.
using atomic_file_writer_impl_actor =
    atomic_file_writer_actor::extend<caf::reacts_to<tick_atom>>;

/// The newest text waiting for a path, and everyone waiting for it.
struct pending_file {
  std::string text;
  std::vector<caf::typed_response_promise<bool>> waiting;
};

struct atomic_file_writer_state {
  static inline const char* name = "atomic_file_writer";
  std::map<std::string, pending_file> pending;
  bool drain_sent = false;
};

/// Spawn detached.
atomic_file_writer_impl_actor::behavior_type atomic_file_writer(
    atomic_file_writer_impl_actor::stateful_pointer<atomic_file_writer_state> self);

} // namespace troupe

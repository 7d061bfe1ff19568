#include "runtime/orchestrator/atomic_file_writer.hpp"

#include "runtime/orchestrator/run_files.hpp"

namespace troupe {

namespace {

using writer_ptr =
    atomic_file_writer_impl_actor::stateful_pointer<atomic_file_writer_state>;

/// Writes the newest text of every path that waits, and answers its writers.
void drain(writer_ptr self) {
  auto pending = std::move(self->state.pending);
  self->state.pending.clear();
  self->state.drain_sent = false;
  for (auto& [path, file] : pending) {
    auto err = write_file_atomic(path, file.text);
    for (auto& promise : file.waiting)
      if (err)
        promise.deliver(err);
      else
        promise.deliver(true);
  }
}

} // namespace

atomic_file_writer_impl_actor::behavior_type atomic_file_writer(writer_ptr self) {
  return {
      [=](caf::put_atom, std::string& path,
          std::string& text) -> caf::typed_response_promise<bool> {
        auto promise = self->make_response_promise<bool>();
        auto& file = self->state.pending[path];
        file.text = std::move(text);
        file.waiting.push_back(promise);
        // The drain goes behind the writes already queued, so the writes
        // that arrive meanwhile coalesce into it.
        if (!self->state.drain_sent) {
          self->state.drain_sent = true;
          self->send(self, tick_atom::value);
        }
        return promise;
      },
      [=](tick_atom) { drain(self); },
  };
}

} // namespace troupe

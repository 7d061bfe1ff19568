#include "runtime/orchestrator/state_writer.hpp"

#include "runtime/errors.hpp"
#include "runtime/messages/type_ids.hpp"
#include "runtime/text/finite_numbers.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <spdlog/spdlog.h>

namespace troupe {

namespace {

using writer_ptr = caf::stateful_actor<state_writer_state>*;

boost::json::object ledger_of(const budget_status& books) {
  return {{"usd", books.spent_usd},
          {"tokens", books.spent_tokens},
          {"calls", books.spent_calls}};
}

std::string state_text(const state_writer_state& st, const run_checkpoint& cp,
                       boost::json::object ledger) {
  auto state = st.header.fields;
  state["status"] = cp.status;
  state["progress"] = cp.progress;
  state["ledger"] = std::move(ledger);
  state["updated_us"] = now_us();
  return serialize_finite(state);
}

void note_failure(writer_ptr self, const caf::error& err) {
  // Logged once: a run does not stop for its state file.
  if (!self->state.failed)
    spdlog::error("cannot write {}: {}", self->state.header.path, describe(err));
  self->state.failed = true;
}

/// Hands `text` to the file writer; `then` runs once it is written or not.
template <class Then> void put(writer_ptr self, std::string text, Then then) {
  self->request(self->state.writer, caf::infinite, caf::put_atom::value,
                self->state.header.path, std::move(text))
      .then([=](bool) mutable { then(); },
            [=](caf::error& err) mutable {
              note_failure(self, err);
              then();
            });
}

/// Writes `cp` with the spend so far; `then` runs once the file is written.
template <class Then> void write(writer_ptr self, run_checkpoint cp, Then then) {
  // await: no other checkpoint is taken before this one is on its way, so
  // they reach the file writer in order.
  self->request(self->state.budget, caf::infinite,
                budget_query{self->state.header.run_scope})
      .await(
          [=](budget_status& books) {
            put(self, state_text(self->state, cp, ledger_of(books)), then);
          },
          [=](caf::error&) { // the guard is gone: the process is ending
            boost::json::object none{{"usd", 0.0}, {"tokens", 0}, {"calls", 0}};
            put(self, state_text(self->state, cp, std::move(none)), then);
          });
}

} // namespace

caf::behavior state_writer(caf::stateful_actor<state_writer_state>* self,
                           state_header header, budget_guard_actor budget,
                           atomic_file_writer_actor writer) {
  self->state.header = std::move(header);
  self->state.budget = std::move(budget);
  self->state.writer = std::move(writer);
  return {
      [=](run_checkpoint& cp) {
        self->state.last = cp;
        write(self, std::move(cp), [] {});
      },
      // The run is over: write the last state again with the final spend
      // (calls abandoned at the end are charged after the last checkpoint).
      // Its write is answered after every earlier one, so the answer covers
      // them all.
      [=](caf::close_atom) -> caf::result<bool> {
        if (!self->state.last) {
          self->quit();
          return !self->state.failed;
        }
        auto promise = self->make_response_promise<bool>();
        write(self, *self->state.last, [=]() mutable {
          promise.deliver(!self->state.failed);
          self->quit();
        });
        return promise;
      },
  };
}

} // namespace troupe

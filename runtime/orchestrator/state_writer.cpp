#include "runtime/orchestrator/state_writer.hpp"

#include "runtime/errors.hpp"
#include "runtime/messages/type_ids.hpp"
#include "runtime/orchestrator/run_files.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <optional>
#include <spdlog/spdlog.h>

namespace troupe {

namespace {

boost::json::object ledger_of(const budget_status& books) {
  return {{"usd", books.spent_usd},
          {"tokens", books.spent_tokens},
          {"calls", books.spent_calls}};
}

} // namespace

void state_writer(caf::blocking_actor* self, state_header header,
                  budget_guard_actor budget) {
  bool running = true;
  bool failed = false;
  std::optional<run_checkpoint> last;
  auto write = [&](const run_checkpoint& cp) {
    auto state = header.fields;
    state["status"] = cp.status;
    state["progress"] = cp.progress;
    state["ledger"] = boost::json::object{{"usd", 0.0}, {"tokens", 0}, {"calls", 0}};
    self->request(budget, caf::infinite, budget_query{header.run_scope})
        .receive([&](budget_status& books) { state["ledger"] = ledger_of(books); },
                 [&](caf::error&) {}); // the guard is gone: the process is ending
    state["updated_us"] = now_us();
    if (auto err = write_file_atomic(header.path, boost::json::serialize(state))) {
      // Logged once: a run does not stop for its state file.
      if (!failed)
        spdlog::error("cannot write {}: {}", header.path, describe(err));
      failed = true;
    }
  };
  self->receive_while(running)(
      [&](run_checkpoint& cp) {
        write(cp);
        last = std::move(cp);
      },
      // The run is over: write the last state again with the final spend
      // (calls abandoned at the end are charged after the last checkpoint).
      [&](caf::close_atom) {
        if (last)
          write(*last);
        running = false;
        return !failed;
      });
}

} // namespace troupe

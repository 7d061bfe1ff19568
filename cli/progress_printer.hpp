#pragma once

// Prints a run's progress to stderr, one line per step start and end, plus
// loop-backs, model trouble (a provider failing over, a breaker opening, a
// budget refusal: each once) and the run's end with its model spend. It listens to the
// trace sink, so what the user sees is exactly what the trace records. A `flush` request
// is answered once every event received before it has been printed.

#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <map>
#include <set>
#include <string>

namespace troupe {

struct progress_state {
  static inline const char* name = "progress_printer";
  std::set<std::string> warned; // each kind of trouble is told once
  std::map<std::string, int64_t> calls_by_provider;
  int64_t cached = 0;
  double cost_usd = 0;
};

caf::behavior progress_printer(caf::stateful_actor<progress_state>* self);

} // namespace troupe

#pragma once

// The budget guard: one actor owns the ledger, so checking a cap and
// reserving against it is one step that no concurrent call can interleave.
//   router --budget_reserve--> guard --budget_decision--> router
//   router --budget_settle---> guard        (after the call, or to release)
//   run    --budget_caps-----> guard        (caps of its scopes, at start)
//   anyone --budget_query----> guard --budget_status--> anyone

#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/model/budget/budget_ledger.hpp"

namespace troupe {

struct budget_guard_state {
  static inline const char* name = "budget_guard";
  budget_ledger ledger;
};

budget_guard_actor::behavior_type
budget_guard(budget_guard_actor::stateful_pointer<budget_guard_state> self);

} // namespace troupe

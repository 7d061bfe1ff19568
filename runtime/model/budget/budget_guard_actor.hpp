#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// The one owner of the budget ledger. Routers reserve before each call and
/// settle after it; runs register their caps; anyone may read the books.
using budget_guard_actor =
    caf::typed_actor<caf::replies_to<budget_reserve>::with<budget_decision>,
                     caf::reacts_to<budget_settle>, caf::reacts_to<budget_caps>,
                     caf::replies_to<budget_query>::with<budget_status>>;

} // namespace troupe

#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// Whoever decides a run's approval steps: a person at the terminal, or the
/// decision given on the command line (see runtime/orchestrator/approvers.hpp).
using approver_actor =
    caf::typed_actor<caf::replies_to<approval_request>::with<approval_decision>>;

} // namespace troupe

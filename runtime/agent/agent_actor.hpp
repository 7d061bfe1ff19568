#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// Every agent, built-in or custom, answers tasks with results.
using agent_actor = caf::typed_actor<caf::replies_to<task>::with<agent_result>>;

} // namespace troupe

#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// Every tool (corpus search, file reader) answers JSON calls with JSON.
using tool_actor = caf::typed_actor<caf::replies_to<tool_call>::with<tool_result>>;

} // namespace troupe

#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// The model router and every provider behind it answer model requests.
using model_actor =
    caf::typed_actor<caf::replies_to<model_request>::with<model_response>>;

} // namespace troupe

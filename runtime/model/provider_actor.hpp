#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// A provider makes one attempt per request at the model named in
/// `model_request::model` and reports how it went. Retries, failover,
/// caching and budgets are the router's business, not the provider's.
using provider_actor =
    caf::typed_actor<caf::replies_to<model_request>::with<attempt_result>>;

} // namespace troupe

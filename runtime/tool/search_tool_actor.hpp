#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// A search tool (corpus, web) answers queries with ranked hits.
using search_tool_actor =
    caf::typed_actor<caf::replies_to<search_request>::with<search_results>>;

} // namespace troupe

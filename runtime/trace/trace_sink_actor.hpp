#pragma once

#include "runtime/messages/type_ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

/// Takes trace events; `flush` answers with the number of events written.
using trace_sink_actor =
    caf::typed_actor<caf::reacts_to<trace_event>,
                     caf::replies_to<caf::flush_atom>::with<int64_t>>;

} // namespace troupe

#pragma once

#include "runtime/messages/spawn_agent.hpp"
#include "runtime/messages/type_ids.hpp"

#include <caf/actor.hpp>
#include <caf/typed_actor.hpp>

namespace troupe {

/// A `troupe node` as the network sees it: it starts agents of the types it
/// hosts for orchestrators in other processes, and answers each with the
/// agent's handle (cast it to agent_actor).
using node_actor = caf::typed_actor<caf::replies_to<spawn_agent>::with<caf::actor>>;

} // namespace troupe

#pragma once

// The offline provider: answers every model_request with the extractive
// model, at zero cost, without network. Stateless, so one instance can serve
// all agents of a run.

#include "runtime/model/model_actor.hpp"

namespace troupe {

model_actor::behavior_type local_provider(model_actor::pointer self);

} // namespace troupe

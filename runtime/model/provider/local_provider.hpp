#pragma once

// The offline provider: answers every model_request with the extractive
// model, at zero cost, without network. Stateless, so one instance serves
// every run of the process.
//   router --model_request--> local provider --attempt_result--> router

#include "runtime/model/provider_actor.hpp"

namespace troupe {

provider_actor::behavior_type local_provider(provider_actor::pointer self);

} // namespace troupe

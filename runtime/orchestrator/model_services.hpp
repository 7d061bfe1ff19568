#pragma once

// What the runs of one process share in the model layer: the one HTTP
// transport (a curl multi thread), the one budget guard (so a process-wide
// cap spans runs) and the offline provider. Each run spawns its own router
// and HTTP provider actors on top of these.

#include "runtime/http/http_transport.hpp"
#include "runtime/messages/budget_caps.hpp"
#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/model/budget/pricing_table.hpp"
#include "runtime/model/config/budget_spec.hpp"
#include "runtime/model/provider_actor.hpp"

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <memory>
#include <string>

namespace troupe {

struct model_services {
  std::shared_ptr<http_transport> transport;
  budget_guard_actor budget;
  provider_actor local;
};

model_services start_model_services(caf::actor_system& sys);

/// Stops the shared actors and, once no provider holds it, the transport.
void stop_model_services(model_services& services);

/// The caps of one run's budget scopes, as the router names them:
/// "run:R", "agent:R/A" and "provider:R/P".
budget_caps caps_of(const budget_spec& budget, const std::string& run_id);

/// The pricing table of `models`: its file (or the shipped one) with the
/// inline prices on top. Errors name the file and place.
caf::expected<pricing_table> load_pricing(const models_spec& models);

} // namespace troupe

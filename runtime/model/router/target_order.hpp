#pragma once

#include "runtime/messages/model_request.hpp"
#include "runtime/model/budget/pricing_table.hpp"
#include "runtime/model/config/models_spec.hpp"
#include "runtime/model/policy/circuit_breaker.hpp"
#include "runtime/model/policy/random_source.hpp"
#include "runtime/model/policy/route_strategy.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// The breaker key of a target: breakers are per provider and model, since
/// one model of a provider may be down while another answers.
std::string breaker_key(const target_spec& target);

/// The price of `target`: by provider name, then by the provider's type (a
/// provider named "openai-eu" of type "openai" pays OpenAI's list prices).
/// Nothing when the table does not know the model.
std::optional<model_price> price_of(const pricing_table& pricing,
                                    const models_spec& models, const target_spec& target);

/// The order in which to try the route's targets for `request`: targets
/// whose breaker is open are left out, the rest are ordered by `strategy`
/// from their expected cost and whether the request fits their window.
std::vector<std::size_t>
order_targets(const route_spec& route, const model_request& request,
              const pricing_table& pricing, const models_spec& models,
              route_strategy& strategy,
              const std::map<std::string, circuit_breaker>& breakers,
              circuit_breaker::time_point now, random_source& rng);

} // namespace troupe

#pragma once

#include "runtime/model/config/policy_specs.hpp"
#include "runtime/model/config/provider_spec.hpp"
#include "runtime/model/config/route_spec.hpp"

#include <map>
#include <string>

namespace troupe {

/// USD per million tokens.
struct model_price {
  double input_per_mtok = 0.0;
  double output_per_mtok = 0.0;
};

/// Everything the model layer is configured with: a scenario's `models`
/// section merged with a `--providers` file. Always holds the `local`
/// provider and a `default` route to it unless the configuration names its
/// own `default`.
struct models_spec {
  std::map<std::string, provider_spec> providers;
  std::map<std::string, route_spec> routes;
  retry_spec retry;
  breaker_spec breaker;
  cache_spec cache;
  /// Pricing table file; empty means the one shipped in scenarios/pricing.json.
  std::string pricing_file;
  /// Prices given inline, keyed "provider/model"; they override the file.
  std::map<std::string, model_price> prices;
};

} // namespace troupe

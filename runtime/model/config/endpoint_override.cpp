#include "runtime/model/config/endpoint_override.hpp"

namespace troupe {

void apply_endpoint_override(models_spec& models, const endpoint_override& endpoint) {
  provider_spec provider;
  provider.name = endpoint_provider_name;
  provider.type = "openai";
  provider.base_url = endpoint.base_url;
  provider.api_key_env = endpoint.api_key_env;
  models.providers.insert_or_assign(provider.name, provider);
  target_spec first{provider.name, endpoint.model.empty() ? "default" : endpoint.model};
  for (auto& kvp : models.routes) {
    auto& route = kvp.second;
    // The route's own strategy ordered its targets; with the endpoint in
    // front the order has to be kept as given.
    route.strategy = "fallback";
    route.targets.insert(route.targets.begin(), first);
  }
}

} // namespace troupe

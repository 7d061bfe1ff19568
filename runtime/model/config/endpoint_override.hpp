#pragma once

#include "runtime/model/config/models_spec.hpp"

#include <string>

namespace troupe {

/// What `troupe run --base-url URL [--model M] [--api-key-env VAR]` asks for.
struct endpoint_override {
  std::string base_url;
  std::string model = "default";
  std::string api_key_env;
};

/// The provider name the override's endpoint gets in the configuration.
constexpr const char* endpoint_provider_name = "endpoint";

/// Puts the endpoint (an OpenAI-compatible provider) first on every route,
/// as a fallback chain whose later targets are the route's own. So a
/// scenario written for the offline model runs on a real one and still
/// finishes, offline, when the endpoint is down.
void apply_endpoint_override(models_spec& models, const endpoint_override& endpoint);

} // namespace troupe

#pragma once

// A provider reached over HTTP (OpenAI-compatible or Anthropic). One attempt
// per request: encode with the provider's codec, hand it to the shared
// transport, answer when the transport's http_response arrives. The actor
// never waits on the network; many requests are in flight at once.
//   router --model_request--> http provider --http_request--> transport
//   router <-attempt_result-- http provider <-http_response-- transport

#include "runtime/http/http_transport.hpp"
#include "runtime/model/config/provider_spec.hpp"
#include "runtime/model/provider/provider_codec.hpp"
#include "runtime/model/provider_actor.hpp"

#include <caf/typed_response_promise.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace troupe {

/// The extra message the provider receives from the transport.
using http_provider_actor = provider_actor::extend<caf::reacts_to<http_response>>;

struct http_provider_state {
  static inline const char* name = "http_provider";
  provider_spec spec;
  std::unique_ptr<provider_codec> codec;
  std::string api_key; // read once from the environment at spawn
  std::shared_ptr<http_transport> transport;
  std::map<uint64_t, caf::typed_response_promise<attempt_result>> pending;

  http_provider_state() = default;
  http_provider_state(const http_provider_state&) = delete;
  http_provider_state& operator=(const http_provider_state&) = delete;
  ~http_provider_state();
};

/// Spawned per provider of a run. `spec.type` must have a codec (the loader
/// checked it). A missing key variable answers every request auth_failed
/// without a network call, naming the variable.
http_provider_actor::behavior_type
http_provider(http_provider_actor::stateful_pointer<http_provider_state> self,
              provider_spec spec, std::shared_ptr<http_transport> transport);

} // namespace troupe

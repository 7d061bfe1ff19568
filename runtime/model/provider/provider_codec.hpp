#pragma once

#include "runtime/http/http_request.hpp"
#include "runtime/messages/attempt_result.hpp"
#include "runtime/messages/http_response.hpp"
#include "runtime/messages/model_request.hpp"
#include "runtime/model/config/provider_spec.hpp"

#include <memory>
#include <string>

namespace troupe {

/// Translates between Troupe's model_request and one provider's HTTP API.
/// Pure: no sockets, no actors; the http provider actor does the sending.
class provider_codec {
public:
  virtual ~provider_codec() = default;

  /// The HTTP request for `request` (its `model` field set) at `provider`.
  /// `api_key` is the key's value, empty when the provider needs none.
  virtual http_request encode(const model_request& request, const provider_spec& provider,
                              const std::string& api_key) const = 0;

  /// Classifies and parses the provider's answer. Transport failures,
  /// statuses, error bodies, malformed or truncated bodies all become an
  /// attempt_result with the matching outcome and a readable error.
  virtual attempt_result decode(const http_response& response) const = 0;
};

/// The codec for `provider.type` "openai" or "anthropic", naming
/// `provider.api_key_env` in its auth errors; nullptr for any other type.
std::unique_ptr<provider_codec> make_provider_codec(const provider_spec& provider);

} // namespace troupe

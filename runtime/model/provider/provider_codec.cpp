#include "runtime/model/provider/provider_codec.hpp"

#include "runtime/model/provider/anthropic_codec.hpp"
#include "runtime/model/provider/openai_codec.hpp"

namespace troupe {

std::unique_ptr<provider_codec> make_provider_codec(const provider_spec& provider) {
  if (provider.type == "openai")
    return std::make_unique<openai_codec>(provider.api_key_env);
  if (provider.type == "anthropic")
    return std::make_unique<anthropic_codec>(provider.api_key_env);
  return nullptr;
}

} // namespace troupe

#include "runtime/model/provider/provider_codec.hpp"

#include "runtime/model/provider/anthropic_codec.hpp"
#include "runtime/model/provider/openai_codec.hpp"

namespace troupe {

std::unique_ptr<provider_codec> make_provider_codec(const std::string& type) {
  if (type == "openai")
    return std::make_unique<openai_codec>();
  if (type == "anthropic")
    return std::make_unique<anthropic_codec>();
  return nullptr;
}

} // namespace troupe

#pragma once

#include "runtime/model/provider/http_classification.hpp"
#include "runtime/model/provider/provider_codec.hpp"

#include <string>

namespace troupe {

/// Anthropic's /messages API. System messages move to the top-level
/// `system` field; JSON mode, which the API lacks, becomes an instruction.
class anthropic_codec : public provider_codec {
public:
  /// `api_key_env` names the key's variable in auth errors; empty when
  /// unknown.
  explicit anthropic_codec(std::string api_key_env = {});

  http_request encode(const model_request& request, const provider_spec& provider,
                      const std::string& api_key) const override;

  attempt_result decode(const http_response& response) const override;

private:
  http_classification classification_;
};

} // namespace troupe

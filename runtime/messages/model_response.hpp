#pragma once

#include "runtime/messages/model_attempt.hpp"

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// The router's answer to a model_request, with what it cost and how it was
/// obtained.
struct model_response {
  std::string text;
  std::string provider;
  std::string model;
  std::string finish_reason;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double cost_usd = 0.0;
  bool cached = false;
  int64_t latency_us = 0;
  std::vector<model_attempt> attempts;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, model_response& x) {
  return f(caf::meta::type_name("model_response"), x.text, x.provider, x.model,
           x.finish_reason, x.input_tokens, x.output_tokens, x.cost_usd, x.cached,
           x.latency_us, x.attempts);
}

} // namespace troupe

#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// One try of one target while serving a model request.
struct model_attempt {
  std::string provider;
  std::string model;
  std::string outcome; // "ok" or an error class such as "rate_limited"
  std::string error;
  int64_t latency_us = 0;
  int32_t http_status = 0; // 0 when no HTTP answer (local, transport failure, not sent)
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, model_attempt& x) {
  return f(caf::meta::type_name("model_attempt"), x.provider, x.model, x.outcome, x.error,
           x.latency_us, x.http_status);
}

} // namespace troupe

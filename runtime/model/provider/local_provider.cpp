#include "runtime/model/provider/local_provider.hpp"

#include "runtime/model/extractive_model.hpp"

#include <chrono>

namespace troupe {

provider_actor::behavior_type local_provider(provider_actor::pointer) {
  return {
      [](model_request& request) -> attempt_result {
        auto start = std::chrono::steady_clock::now();
        auto answer = extractive_model{}.complete(request);
        attempt_result result;
        result.text = std::move(answer.text);
        result.response_model = request.model;
        result.finish_reason = "stop";
        result.input_tokens = answer.input_tokens;
        result.output_tokens = answer.output_tokens;
        result.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
        return result;
      },
  };
}

} // namespace troupe

#include "runtime/model/local_provider.hpp"

#include "runtime/model/extractive_model.hpp"

#include <chrono>

namespace troupe {

model_actor::behavior_type local_provider(model_actor::pointer) {
  return {
      [](model_request& request) -> model_response {
        auto start = std::chrono::steady_clock::now();
        auto answer = extractive_model{}.complete(request);
        auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
        model_response response;
        response.text = std::move(answer.text);
        response.provider = "local";
        response.model = request.model;
        response.finish_reason = "stop";
        response.input_tokens = answer.input_tokens;
        response.output_tokens = answer.output_tokens;
        response.latency_us = latency;
        response.attempts.push_back({"local", request.model, "ok", "", latency});
        return response;
      },
  };
}

} // namespace troupe

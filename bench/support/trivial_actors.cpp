#include "bench/support/trivial_actors.hpp"

#include <chrono>

namespace troupe::bench {

namespace {

constexpr const char* fixed_text = "A fixed answer from the benchmark's provider.";
constexpr int64_t fixed_input_tokens = 20;
constexpr int64_t fixed_output_tokens = 50;

} // namespace

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

provider_actor::behavior_type fixed_provider(provider_actor::pointer) {
  return {
      [](model_request& request) {
        attempt_result result;
        result.text = fixed_text;
        result.response_model = std::move(request.model);
        result.finish_reason = "stop";
        result.input_tokens = fixed_input_tokens;
        result.output_tokens = fixed_output_tokens;
        return result;
      },
  };
}

model_actor::behavior_type echo_model(model_actor::pointer) {
  return {
      [](model_request& request) {
        model_response response;
        response.text = fixed_text;
        response.provider = "bench";
        response.model = std::move(request.model);
        response.finish_reason = "stop";
        response.input_tokens = fixed_input_tokens;
        response.output_tokens = fixed_output_tokens;
        return response;
      },
  };
}

agent_actor::behavior_type echo_agent(agent_actor::pointer, arrival_log arrivals) {
  return {
      [arrivals](task& t) {
        arrivals->push_back(now_ns());
        return agent_result{std::move(t.step_id), std::move(t.agent_id),
                            std::move(t.inputs), ""};
      },
  };
}

} // namespace troupe::bench

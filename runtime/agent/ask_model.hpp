#pragma once

#include "runtime/agent/agent_env.hpp"
#include "runtime/agent/prompt_request.hpp"
#include "runtime/messages/type_ids.hpp"

#include <caf/typed_response_promise.hpp>
#include <utility>

namespace troupe {

/// Sends `request` to the agent's model router and answers the current task
/// with what `make_result(json_object, model_response)` returns. A failed
/// call or an answer without a JSON object answers the task with the error.
/// The orchestrator's step timeout bounds the wait, so none is set here.
template <class Self, class F>
caf::typed_response_promise<agent_result>
ask_model_json(Self* self, const agent_env& env, model_request request, F make_result) {
  auto rp = self->template make_response_promise<agent_result>();
  self->request(env.router, caf::infinite, std::move(request))
      .then(
          [=](model_response& response) mutable {
            auto answer = parse_json_answer(response.text);
            if (!answer) {
              rp.deliver(answer.error());
              return;
            }
            caf::expected<agent_result> result =
                make_result(std::move(*answer), response);
            if (result)
              rp.deliver(std::move(*result));
            else
              rp.deliver(result.error());
          },
          [=](caf::error& err) mutable { rp.deliver(std::move(err)); });
  return rp;
}

} // namespace troupe

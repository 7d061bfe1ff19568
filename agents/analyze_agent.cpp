#include "agents/analyze_agent.hpp"

#include "agents/source_documents.hpp"
#include "runtime/agent/ask_model.hpp"
#include "runtime/agent/crash_report.hpp"
#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"

namespace troupe {

agent_actor::behavior_type
analyze_agent(agent_actor::stateful_pointer<analyze_state> self, agent_env env) {
  report_crashes(self);
  return {
      [=](task& t) -> caf::result<agent_result> {
        const auto& summaries = array_at(t.inputs, "summaries");
        prompt_call call;
        call.operation = "analyze";
        call.max_tokens = 600;
        call.vars = {{"question", string_at(t.inputs, "question")},
                     {"documents", render_documents(summaries)}};
        auto req = make_prompt_request(env, t, call);
        if (!req)
          return req.error();
        return ask_model_json(
            self, env, std::move(*req),
            [=](boost::json::object answer,
                const model_response& resp) -> caf::expected<agent_result> {
              for (const char* key : {"trends", "key_points", "gaps"})
                if (!answer.contains(key) || !answer.at(key).is_array())
                  return make_error(errc::malformed_answer,
                                    std::string{"the analysis answer lacks a '"} + key +
                                        "' list");
              boost::json::object out{{"trends", answer.at("trends")},
                                      {"key_points", answer.at("key_points")},
                                      {"gaps", answer.at("gaps")},
                                      {"model", resp.provider + "/" + resp.model}};
              return agent_result{t.step_id, env.spec.id, std::move(out), ""};
            });
      },
  };
}

} // namespace troupe

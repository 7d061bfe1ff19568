#include "agents/summarize_agent.hpp"

#include "agents/source_documents.hpp"
#include "runtime/agent/ask_model.hpp"
#include "runtime/agent/crash_report.hpp"
#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"

namespace troupe {

namespace {

/// Findings are the answer's strings; anything else in the list is dropped.
boost::json::array findings_of(const boost::json::object& answer) {
  boost::json::array out;
  for (const auto& f : array_at(answer, "findings"))
    if (f.is_string() && !f.as_string().empty())
      out.push_back(f);
  return out;
}

} // namespace

agent_actor::behavior_type
summarize_agent(agent_actor::stateful_pointer<summarize_state> self, agent_env env) {
  report_crashes(self);
  return {
      [=](task& t) -> caf::result<agent_result> {
        const auto& source = value_at(t.inputs, "source");
        if (string_at(source, "id").empty())
          return make_error(errc::invalid_input,
                            "summarize agent '" + env.spec.id +
                                "' needs a 'source' input with an id, title and text");
        prompt_call call;
        call.operation = "summarize";
        call.max_tokens = 160;
        call.vars = {{"question", string_at(t.inputs, "question")},
                     {"source_id", string_at(source, "id")},
                     {"source_title", escape_block_text(string_at(source, "title"))},
                     {"source_text", escape_block_text(string_at(source, "text"))}};
        auto req = make_prompt_request(env, t, call);
        if (!req)
          return req.error();
        auto src = source;
        return ask_model_json(
            self, env, std::move(*req),
            [=](boost::json::object answer,
                const model_response& resp) -> caf::expected<agent_result> {
              boost::json::object out{{"source_id", string_at(src, "id")},
                                      {"title", string_at(src, "title")},
                                      {"path", string_at(src, "path")},
                                      {"findings", findings_of(answer)},
                                      {"model", resp.provider + "/" + resp.model}};
              return agent_result{t.step_id, env.spec.id, std::move(out), ""};
            });
      },
  };
}

} // namespace troupe

#include "agents/analyze_agent.hpp"

#include "agents/source_documents.hpp"
#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"

namespace troupe {

agent_info analyze_agent::info() {
  agent_info i;
  i.name = "analyze";
  i.description = "finds trends, key points and gaps across summaries";
  i.input = boost::json::parse(R"({"question": "string",
      "summaries": [{"source_id": "string", "title": "string", "findings": ["string"]}]})");
  i.output = boost::json::parse(R"({"trends": [{"term": "string", "sources": ["string"]}],
      "key_points": [{"text": "string", "source": "string"}], "gaps": ["string"],
      "model": "string"})");
  i.uses_model = true;
  i.needs_prompt = true;
  i.prompt_variables = {"question", "documents"};
  return i;
}

void analyze_agent::on_task(task_context ctx) {
  model_prompt prompt;
  prompt.operation = "analyze";
  prompt.max_tokens = 600;
  prompt.vars = {{"question", string_at(ctx.input(), "question")},
                 {"documents", render_documents(array_at(ctx.input(), "summaries"))}};
  ctx.ask_model(std::move(prompt), [ctx](model_answer& answer) mutable {
    for (const char* key : {"trends", "key_points", "gaps"})
      if (!answer.json.contains(key) || !answer.json.at(key).is_array())
        return ctx.fail(
            make_error(errc::malformed_answer,
                       std::string{"the analysis answer lacks a '"} + key + "' list"));
    ctx.reply({{"trends", answer.json.at("trends")},
               {"key_points", answer.json.at("key_points")},
               {"gaps", answer.json.at("gaps")},
               {"model", answer.provider + "/" + answer.model}});
  });
}

} // namespace troupe

#include "agents/summarize_agent.hpp"

#include "agents/source_documents.hpp"
#include "runtime/agent/json_access.hpp"

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

agent_info summarize_agent::info() {
  agent_info i;
  i.name = "summarize";
  i.description = "condenses one source into key findings";
  i.input = boost::json::parse(R"({"question": "string",
      "source": {"id": "string", "title": "string", "text": "string", "path?": "string"}})");
  i.output = boost::json::parse(R"({"source_id": "string", "title": "string",
      "path": "string", "findings": ["string"], "model": "string"})");
  i.uses_model = true;
  i.needs_prompt = true;
  i.prompt_variables = {"question", "source_id", "source_title", "source_text"};
  return i;
}

void summarize_agent::on_task(task_context ctx) {
  const auto& source = value_at(ctx.input(), "source");
  if (string_at(source, "id").empty())
    return ctx.fail("needs a 'source' input with an id, title and text");
  model_prompt prompt;
  prompt.operation = "summarize";
  prompt.max_tokens = 160;
  prompt.vars = {{"question", string_at(ctx.input(), "question")},
                 {"source_id", string_at(source, "id")},
                 {"source_title", escape_block_text(string_at(source, "title"))},
                 {"source_text", escape_block_text(string_at(source, "text"))}};
  ctx.ask_model(std::move(prompt), [ctx, source](model_answer& answer) mutable {
    ctx.reply({{"source_id", string_at(source, "id")},
               {"title", string_at(source, "title")},
               {"path", string_at(source, "path")},
               {"findings", findings_of(answer.json)},
               {"model", answer.provider + "/" + answer.model}});
  });
}

} // namespace troupe

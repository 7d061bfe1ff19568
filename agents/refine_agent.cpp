#include "agents/refine_agent.hpp"

#include "agents/research_report.hpp"
#include "agents/source_documents.hpp"
#include "runtime/agent/json_access.hpp"

namespace troupe {

namespace {

std::string render_claims(const boost::json::value& analysis) {
  std::string out;
  for (const auto& kp : array_at(analysis, "key_points"))
    out += "<claim>" +
           escape_block_text(kp.is_string() ? text_of(kp) : string_at(kp, "text")) +
           "</claim>\n";
  return out;
}

/// Splits the checked claims into supported (with allowed citations) and not.
void sort_claims(const boost::json::array& claims, const std::set<std::string>& allowed,
                 research_report& report) {
  for (const auto& c : claims) {
    auto sources = cited_sources(value_at(c, "sources"), allowed);
    const auto& flag = value_at(c, "supported");
    auto supported = flag.is_bool() && flag.as_bool();
    boost::json::object item{{"text", string_at(c, "text")}};
    if (supported && !sources.empty()) {
      item["sources"] = std::move(sources);
      report.supported.push_back(std::move(item));
    } else {
      report.unsupported.push_back(std::move(item));
    }
  }
}

research_report build_report(const boost::json::object& inputs,
                             const model_answer& answer) {
  const auto& summaries = array_at(inputs, "summaries");
  auto allowed = source_ids(summaries);
  research_report report;
  report.question = string_at(inputs, "question");
  report.summary = string_at(answer.json, "summary");
  sort_claims(array_at(answer.json, "claims"), allowed, report);
  for (const auto& trend : array_at(value_at(inputs, "analysis"), "trends")) {
    boost::json::object item{
        {"term", string_at(trend, "term")},
        {"sources", cited_sources(value_at(trend, "sources"), allowed)}};
    report.trends.push_back(std::move(item));
  }
  report.gaps = array_at(answer.json, "gaps");
  report.summaries = summaries;
  report.model = answer.provider + "/" + answer.model;
  return report;
}

} // namespace

agent_info refine_agent::info() {
  agent_info i;
  i.name = "refine";
  i.description = "checks the analysis against the summaries and writes the cited "
                  "report; may ask for another search round";
  i.input = boost::json::parse(R"({"question": "string",
      "analysis": {"key_points": [{"text": "string"}], "trends": "array"},
      "summaries": [{"source_id": "string", "title": "string", "findings": ["string"]}]})");
  i.output = boost::json::parse(R"({"report": "string", "summary": "string",
      "supported": [{"text": "string", "sources": ["string"]}],
      "unsupported": [{"text": "string"}], "gaps": "array",
      "followup_query": "string", "model": "string"})");
  i.uses_model = true;
  i.needs_prompt = true;
  i.prompt_variables = {"question", "documents", "claims"};
  return i;
}

void refine_agent::on_task(task_context ctx) {
  model_prompt prompt;
  prompt.operation = "refine";
  prompt.max_tokens = 800;
  prompt.vars = {{"question", string_at(ctx.input(), "question")},
                 {"documents", render_documents(array_at(ctx.input(), "summaries"))},
                 {"claims", render_claims(value_at(ctx.input(), "analysis"))}};
  ctx.ask_model(std::move(prompt), [ctx](model_answer& answer) mutable {
    auto report = build_report(ctx.input(), answer);
    auto followup = report.gaps.empty() ? "" : string_at(answer.json, "followup_query");
    ctx.reply({{"report", report.to_markdown()},
               {"summary", report.summary},
               {"supported", report.supported},
               {"unsupported", report.unsupported},
               {"gaps", report.gaps},
               {"followup_query", followup},
               {"model", report.model}},
              followup);
  });
}

} // namespace troupe

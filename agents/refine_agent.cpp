#include "agents/refine_agent.hpp"

#include "agents/research_report.hpp"
#include "agents/source_documents.hpp"
#include "runtime/agent/ask_model.hpp"
#include "runtime/agent/crash_report.hpp"
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

research_report build_report(const task& t, const boost::json::object& answer,
                             const model_response& resp) {
  const auto& summaries = array_at(t.inputs, "summaries");
  auto allowed = source_ids(summaries);
  research_report report;
  report.question = string_at(t.inputs, "question");
  report.summary = string_at(answer, "summary");
  sort_claims(array_at(answer, "claims"), allowed, report);
  for (const auto& trend : array_at(value_at(t.inputs, "analysis"), "trends")) {
    boost::json::object item{
        {"term", string_at(trend, "term")},
        {"sources", cited_sources(value_at(trend, "sources"), allowed)}};
    report.trends.push_back(std::move(item));
  }
  report.gaps = array_at(answer, "gaps");
  report.summaries = summaries;
  report.model = resp.provider + "/" + resp.model;
  return report;
}

} // namespace

agent_actor::behavior_type refine_agent(agent_actor::stateful_pointer<refine_state> self,
                                        agent_env env) {
  report_crashes(self);
  return {
      [=](task& t) -> caf::result<agent_result> {
        prompt_call call;
        call.operation = "refine";
        call.max_tokens = 800;
        call.vars = {{"question", string_at(t.inputs, "question")},
                     {"documents", render_documents(array_at(t.inputs, "summaries"))},
                     {"claims", render_claims(value_at(t.inputs, "analysis"))}};
        auto req = make_prompt_request(env, t, call);
        if (!req)
          return req.error();
        return ask_model_json(
            self, env, std::move(*req),
            [=](boost::json::object answer,
                const model_response& resp) -> caf::expected<agent_result> {
              auto report = build_report(t, answer, resp);
              auto followup =
                  report.gaps.empty() ? "" : string_at(answer, "followup_query");
              boost::json::object out{{"report", report.to_markdown()},
                                      {"summary", report.summary},
                                      {"supported", report.supported},
                                      {"unsupported", report.unsupported},
                                      {"gaps", report.gaps},
                                      {"followup_query", followup},
                                      {"model", report.model}};
              return agent_result{t.step_id, env.spec.id, std::move(out), followup};
            });
      },
  };
}

} // namespace troupe

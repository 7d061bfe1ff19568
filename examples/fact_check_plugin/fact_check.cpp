// fact_check: an agent plugin. It asks the model to verify each claim of an
// analysis against the summaries it came from, one model call per claim, all
// in flight at once, and answers with a verdict per claim.
//
//   orchestrator --task{question, analysis, summaries}--> fact_check
//   fact_check --one model call per key point (operation "verify")--> router
//   orchestrator <--{checked, supported, unsupported, report}-- fact_check
//
// Build it with troupe_add_plugin() (find_package(Troupe)); use it with
// `troupe run SCENARIO --plugin fact_check.so` or a scenario's "plugins".
// Only the public header is used: this is what any plugin can do.

#include <string>
#include <troupe/agent.hpp>
#include <vector>

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

const value* field_of(const value& v, const char* key) {
  const auto* obj = v.if_object();
  return obj != nullptr ? obj->if_contains(key) : nullptr;
}

std::string string_of(const value& v, const char* key) {
  const auto* field = field_of(v, key);
  return field && field->is_string() ? std::string{field->as_string()} : std::string{};
}

/// The array at `key`, or an empty one. Never pass a temporary `v`: the
/// reference points into it.
const array& array_of(const value& v, const char* key) {
  static const array empty;
  const auto* field = field_of(v, key);
  return field && field->is_array() ? field->as_array() : empty;
}

/// Prompt blocks must not let text close a tag early.
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

/// One <document> block per summary, its findings as the text.
std::string documents_of(const array& summaries) {
  std::string out;
  for (const auto& s : summaries) {
    std::string text;
    for (const auto& f : array_of(s, "findings"))
      if (f.is_string())
        text += std::string{f.as_string()} + " ";
    out += "<document id=\"" + escaped(string_of(s, "source_id")) + "\" title=\"" +
           escaped(string_of(s, "title")) + "\">" + escaped(text) + "</document>\n";
  }
  return out;
}

/// The verdict for one claim from the model's answer.
object verdict_of(const std::string& claim, const troupe::model_answer& answer) {
  const auto* claims = answer.json.if_contains("claims");
  const value first = claims && claims->is_array() && !claims->as_array().empty()
                          ? claims->as_array().front()
                          : value{};
  const auto* supported = field_of(first, "supported");
  return {
      {"text", claim},
      {"supported", supported != nullptr && supported->is_bool() && supported->as_bool()},
      {"sources", array_of(first, "sources")},
      {"evidence", string_of(first, "evidence")}};
}

std::string report_of(const array& checked) {
  std::string out = "## Fact check\n\n";
  for (const auto& c : checked) {
    bool ok = c.as_object().at("supported").as_bool();
    out += std::string{ok ? "- [supported] " : "- [NOT SUPPORTED] "} +
           string_of(c, "text") + "\n";
  }
  return out;
}

class fact_check : public troupe::agent {
public:
  static troupe::agent_info info() {
    troupe::agent_info i;
    i.name = "fact_check";
    i.description = "verifies each claim of an analysis against the summaries";
    i.input = boost::json::parse(R"({"question": "string",
        "analysis": {"key_points": [{"text": "string"}]},
        "summaries": [{"source_id": "string", "title": "string", "findings": ["string"]}]})");
    i.output =
        boost::json::parse(R"({"checked": [{"text": "string", "supported": "boolean",
        "sources": ["string"], "evidence": "string"}], "supported": "integer",
        "unsupported": "integer", "report": "string"})");
    i.uses_model = true;
    i.needs_prompt = true;
    i.prompt_variables = {"question", "documents", "claim"};
    return i;
  }

  void on_task(troupe::task_context ctx) override {
    const value input = ctx.input();
    auto documents = documents_of(array_of(input, "summaries"));
    auto question = string_of(input, "question");
    std::vector<std::string> claims;
    std::vector<troupe::model_prompt> prompts;
    const auto* analysis = field_of(input, "analysis");
    for (const auto& kp : analysis ? array_of(*analysis, "key_points") : array{}) {
      auto claim = kp.is_string() ? std::string{kp.as_string()} : string_of(kp, "text");
      if (claim.empty())
        continue;
      troupe::model_prompt p;
      p.operation = "verify";
      p.max_tokens = 200;
      p.vars = {{"question", question},
                {"documents", documents},
                {"claim", "<claim>" + escaped(claim) + "</claim>"}};
      prompts.push_back(std::move(p));
      claims.push_back(std::move(claim));
    }
    ctx.ask_model_all(std::move(prompts), [this, ctx, claims](auto& answers) mutable {
      array checked;
      int64_t supported = 0;
      for (size_t i = 0; i < answers.size(); ++i) {
        checked.push_back(verdict_of(claims[i], answers[i]));
        supported += checked.back().as_object().at("supported").as_bool() ? 1 : 0;
      }
      checked_in_run_ += static_cast<int64_t>(checked.size());
      ctx.emit("fact_check.done", {{"claims", checked.size()},
                                   {"supported", supported},
                                   {"checked_in_run", checked_in_run_}});
      auto report = report_of(checked);
      auto unsupported = static_cast<int64_t>(checked.size()) - supported;
      ctx.reply({{"checked", std::move(checked)},
                 {"supported", supported},
                 {"unsupported", unsupported},
                 {"report", std::move(report)}});
    });
  }

private:
  int64_t checked_in_run_ = 0; // state kept across the tasks of one run
};

} // namespace

TROUPE_PLUGIN(catalog) {
  catalog.add<fact_check>(fact_check::info());
}

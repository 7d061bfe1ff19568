#include "runtime/model/extractive_model.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace troupe;
namespace json = boost::json;

namespace {

const std::string question =
    "What are the main trade-offs of grid-scale battery storage?";

const std::string doc_lithium =
    "Grid-scale battery storage lets utilities shift solar energy to the evening peak. "
    "Lithium-ion batteries dominate new projects because their costs fell sharply over "
    "the last decade. The main trade-offs of battery storage are cost, degradation and "
    "safety. Operators replace cells after about ten to fifteen years of cycling. "
    "The weather was pleasant during the site visit.";

const std::string doc_hydro = "Pumped hydro remains the largest form of energy storage "
                              "in the world. It offers long "
                              "durations at a low cost per kilowatt-hour, but it needs "
                              "suitable geography. Compared "
                              "with battery storage, pumped hydro lasts for decades.";

const std::string doc_safety =
    "Battery fires have prompted new safety codes for storage sites. Thermal runaway in "
    "lithium-ion cells can spread between modules. Firefighters train for these events.";

std::string document(const std::string& id, const std::string& text) {
  return "<document id=\"" + id + "\" title=\"Source " + id + "\">" + text +
         "</document>\n";
}

std::string corpus() {
  return document("lithium", doc_lithium) + document("hydro", doc_hydro) +
         document("safety", doc_safety);
}

model_request request(const std::string& operation, const std::string& user,
                      int32_t max_tokens = 1024) {
  model_request r;
  r.operation = operation;
  r.max_tokens = max_tokens;
  r.messages.push_back({"system", "You are a careful research assistant."});
  r.messages.push_back({"user", user});
  return r;
}

json::object complete_json(const model_request& r) {
  auto answer = extractive_model{}.complete(r);
  return json::parse(answer.text).as_object();
}

std::vector<std::string> strings(const json::value& array) {
  std::vector<std::string> result;
  for (const auto& v : array.as_array())
    result.emplace_back(v.as_string());
  return result;
}

const json::object* find_trend(const json::array& trends, const std::string& term) {
  for (const auto& t : trends)
    if (t.as_object().at("term").as_string() == term)
      return &t.as_object();
  return nullptr;
}

} // namespace

TEST_CASE("extractive_model summarize quotes question-related sentences verbatim",
          "[extractive_model]") {
  auto user = "Summarize the source for the question.\n<question>" + question +
              "</question>\n" + document("lithium", doc_lithium);
  auto answer = complete_json(request("summarize", user));
  auto findings = strings(answer.at("findings"));
  REQUIRE(findings.size() >= 2);
  for (const auto& f : findings)
    CHECK(doc_lithium.find(f) != std::string::npos);
  CHECK(std::find(
            findings.begin(), findings.end(),
            "The main trade-offs of battery storage are cost, degradation and safety.") !=
        findings.end());
  CHECK(std::find(findings.begin(), findings.end(),
                  "The weather was pleasant during the site visit.") == findings.end());
  // Document order: each finding appears after the previous one.
  std::size_t last = 0;
  for (const auto& f : findings) {
    auto at = doc_lithium.find(f);
    CHECK(at >= last);
    last = at;
  }
}

TEST_CASE("extractive_model summarize sizes the answer from max_tokens",
          "[extractive_model]") {
  // Seven sentences that all speak about battery storage, so every one is
  // worth quoting and only the budget limits the answer.
  const std::string text =
      "Battery storage costs dropped quickly as factories scaled production. "
      "Battery storage safety depends on cooling and careful cell monitoring. "
      "Battery storage lifetime shrinks with deep discharge and high temperatures. "
      "Battery storage efficiency reaches ninety percent for a full cycle. "
      "Battery storage recycling recovers lithium, nickel and cobalt from old packs. "
      "Battery storage sites need permits, land and a grid connection. "
      "Battery storage financing relies on capacity payments and arbitrage revenue.";
  auto user = "<question>" + question + "</question>" + document("many", text);
  auto findings = [&](int32_t max_tokens) {
    return complete_json(request("summarize", user, max_tokens))
        .at("findings")
        .as_array()
        .size();
  };
  CHECK(findings(0) == 2);
  CHECK(findings(40) == 2);
  CHECK(findings(120) == 3);
  CHECK(findings(200) == 5);
  CHECK(findings(4000) == 5);
}

TEST_CASE("extractive_model reads blocks from user messages only", "[extractive_model]") {
  model_request r = request("summarize", "");
  r.messages = {
      {"system",
       document("ignored", "Zeppelins carry hydrogen across oceans every day.")},
      {"user", "<question>Why do batteries degrade?</question>"},
      {"assistant", document("also-ignored", "Submarines dive under polar ice sheets.")},
      {"user",
       document("d1", "Batteries degrade with every charging cycle they complete.")},
  };
  auto findings = strings(complete_json(r).at("findings"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0] == "Batteries degrade with every charging cycle they complete.");
}

TEST_CASE("extractive_model answers are deterministic", "[extractive_model]") {
  auto user = "<question>" + question + "</question>" + corpus() +
              "<claim>Battery costs fell sharply.</claim>";
  for (const auto* op : {"summarize", "analyze", "refine", "verify", "chat"}) {
    auto first = extractive_model{}.complete(request(op, user));
    auto second = extractive_model{}.complete(request(op, user));
    CHECK(first.text == second.text);
    CHECK_FALSE(first.text.empty());
  }
}

TEST_CASE("extractive_model analyze reports trends shared by documents",
          "[extractive_model]") {
  auto answer = complete_json(
      request("analyze", "<question>" + question + "</question>" + corpus()));
  const auto& trends = answer.at("trends").as_array();
  REQUIRE_FALSE(trends.empty());
  CHECK(trends.size() <= 6);
  for (const auto& t : trends)
    CHECK(t.as_object().at("sources").as_array().size() >= 2);
  const auto* storage = find_trend(trends, "storage");
  // The question's own words are no theme: the reader knows them already.
  CHECK(storage == nullptr);
  CHECK(find_trend(trends, "battery storage") == nullptr);
  const auto* cost = find_trend(trends, "cost");
  REQUIRE(cost != nullptr);
  CHECK(strings(cost->at("sources")) == std::vector<std::string>{"hydro", "lithium"});
  // "geography" and "weather" appear in one document each.
  CHECK(find_trend(trends, "geography") == nullptr);
  CHECK(find_trend(trends, "weather") == nullptr);
}

TEST_CASE("extractive_model analyze picks key points with their sources",
          "[extractive_model]") {
  auto answer = complete_json(
      request("analyze", "<question>" + question + "</question>" + corpus()));
  const auto& points = answer.at("key_points").as_array();
  REQUIRE(points.size() == 5);
  const std::map<std::string, std::string> texts = {
      {"lithium", doc_lithium}, {"hydro", doc_hydro}, {"safety", doc_safety}};
  std::set<std::string> sources;
  for (const auto& p : points) {
    std::string text{p.as_object().at("text").as_string()};
    std::string source{p.as_object().at("source").as_string()};
    REQUIRE(texts.count(source) == 1);
    CHECK(texts.at(source).find(text) != std::string::npos);
    sources.insert(source);
  }
  CHECK(sources.size() == 3); // spread over the documents
  auto mentions_trade_offs = [](const json::value& p) {
    return p.as_object().at("text").as_string().find("trade-offs") != json::string::npos;
  };
  CHECK(std::any_of(points.begin(), points.end(), mentions_trade_offs));
}

TEST_CASE("extractive_model gaps are question terms no document mentions",
          "[extractive_model]") {
  auto user =
      "<question>How do battery storage and hydrogen compare on lifespan?</question>" +
      corpus();
  auto analysis = complete_json(request("analyze", user));
  CHECK(strings(analysis.at("gaps")) == std::vector<std::string>{"hydrogen", "lifespan"});
  auto none = complete_json(
      request("analyze", "<question>" + question + "</question>" + corpus()));
  CHECK(none.at("gaps").as_array().empty());
}

TEST_CASE("extractive_model refine checks claims against the documents",
          "[extractive_model]") {
  auto user = "<question>What limits hydrogen storage of grid energy?</question>" +
              corpus() + "<claim>Pumped hydro lasts for decades.</claim>" +
              "<claim>Lithium-ion battery costs fell.</claim>" +
              "<claim>Hydrogen caverns store seasonal energy.</claim>";
  auto answer = complete_json(request("refine", user));
  const auto& claims = answer.at("claims").as_array();
  REQUIRE(claims.size() == 3);
  const auto& hydro = claims[0].as_object();
  CHECK(hydro.at("text").as_string() == "Pumped hydro lasts for decades.");
  CHECK(hydro.at("supported").as_bool());
  CHECK(strings(hydro.at("sources")) == std::vector<std::string>{"hydro"});
  const auto& lithium = claims[1].as_object();
  CHECK(lithium.at("supported").as_bool());
  CHECK(strings(lithium.at("sources")) == std::vector<std::string>{"lithium"});
  const auto& hydrogen = claims[2].as_object();
  CHECK_FALSE(hydrogen.at("supported").as_bool());
  CHECK(hydrogen.at("sources").as_array().empty());
  CHECK(strings(answer.at("gaps")) == std::vector<std::string>{"limits", "hydrogen"});
  CHECK(answer.at("followup_query").as_string() == "limits hydrogen");
}

TEST_CASE("extractive_model refine summarizes from the best sentences",
          "[extractive_model]") {
  auto answer = complete_json(
      request("refine", "<question>" + question + "</question>" + corpus()));
  std::string summary{answer.at("summary").as_string()};
  CHECK(summary.find("The main trade-offs of battery storage are cost, degradation and "
                     "safety.") != std::string::npos);
  CHECK(std::count(summary.begin(), summary.end(), '.') >= 2);
  CHECK(std::count(summary.begin(), summary.end(), '.') <= 4);
  CHECK(answer.at("gaps").as_array().empty());
  CHECK(answer.at("followup_query").as_string().empty());
  CHECK(answer.at("claims").as_array().empty());
}

TEST_CASE("extractive_model other operations answer with plain sentences",
          "[extractive_model]") {
  auto answer = extractive_model{}.complete(
      request("chat", "<question>" + question + "</question>" + corpus()));
  boost::system::error_code ec;
  json::parse(answer.text, ec);
  CHECK(ec); // not JSON
  CHECK(answer.text.find("trade-offs") != std::string::npos);
  CHECK(answer.text.find("generated_by") == std::string::npos);
}

TEST_CASE("extractive_model labels JSON answers as generated offline",
          "[extractive_model]") {
  auto user = "<question>" + question + "</question>" + corpus();
  for (const auto* op : {"summarize", "analyze", "refine"})
    CHECK(complete_json(request(op, user)).at("generated_by").as_string() ==
          "local extractive model (offline)");
}

TEST_CASE("extractive_model estimates tokens as a quarter of the bytes",
          "[extractive_model]") {
  CHECK(extractive_model::estimate_tokens("") == 0);
  CHECK(extractive_model::estimate_tokens("abc") == 1);
  CHECK(extractive_model::estimate_tokens("abcd") == 1);
  CHECK(extractive_model::estimate_tokens("abcde") == 2);
  auto r = request("summarize", "<question>" + question + "</question>" + corpus());
  auto answer = extractive_model{}.complete(r);
  CHECK(answer.input_tokens ==
        extractive_model::estimate_tokens(r.messages[0].content) +
            extractive_model::estimate_tokens(r.messages[1].content));
  CHECK(answer.output_tokens == extractive_model::estimate_tokens(answer.text));
  CHECK(answer.output_tokens > 0);
}

TEST_CASE("extractive_model without document blocks uses the user text",
          "[extractive_model]") {
  auto answer = complete_json(
      request("summarize",
              "Batteries store energy for the evening peak. They degrade over time. "
              "Recycling recovers valuable lithium from used cells.",
              80));
  auto findings = strings(answer.at("findings"));
  REQUIRE(findings.size() == 2);
  CHECK(findings[0] == "Batteries store energy for the evening peak.");
}

TEST_CASE("extractive_model survives empty and odd input", "[extractive_model]") {
  for (const auto* op : {"summarize", "analyze", "refine", "verify", "chat", ""}) {
    auto empty = extractive_model{}.complete(request(op, ""));
    auto no_messages = model_request{};
    no_messages.operation = op;
    auto nothing = extractive_model{}.complete(no_messages);
    CHECK(empty.text == nothing.text);
    CHECK(nothing.input_tokens == 0);
  }
  auto summary = complete_json(request("summarize", document("empty", "")));
  CHECK(summary.at("findings").as_array().empty());
  auto analysis = complete_json(
      request("analyze", "<question>Why?</question>" + document("empty", "")));
  CHECK(analysis.at("trends").as_array().empty());
  CHECK(analysis.at("key_points").as_array().empty());
  auto refined = complete_json(request("refine", "<claim>Anything at all.</claim>"));
  CHECK_FALSE(refined.at("claims").as_array()[0].as_object().at("supported").as_bool());
}

TEST_CASE("extractive_model keeps unicode text valid", "[extractive_model]") {
  std::string text =
      "Die Energiewende braucht Speicher für Wind und Sonne überall. "
      "日本は揚水発電を多く使っています。 Batteries \xFF\xFE store énergie "
      "renouvelable pour le réseau électrique la nuit.";
  auto answer = extractive_model{}.complete(request(
      "summarize", "<question>Speicher énergie?</question>" + document("ü-doc", text) +
                       document("b", "Speicher énergie ok.")));
  boost::system::error_code ec;
  auto parsed = json::parse(answer.text, ec);
  REQUIRE_FALSE(ec);
  // Boost.JSON rejects invalid UTF-8 inside strings, so parsing proves it.
  CHECK(answer.text.find("\xFF") == std::string::npos);
  CHECK_FALSE(parsed.at("findings").as_array().empty());
}

namespace {

const std::string triage_schema = R"({
  "type": "object",
  "properties": {
    "category": {"oneOf": [
      {"const": "simple",
       "description": "how-to question, password reset, invoice copy, plan change"},
      {"const": "complex",
       "description": "outage, data loss, security incident, crash, production error"}]},
    "summary": {"type": "string", "maxLength": 40},
    "urgent": {"type": "boolean", "description": "outage or data loss"}
  },
  "required": ["category", "summary", "urgent"]
})";

model_request schema_request(const std::string& user, const std::string& schema) {
  auto r = request("triage", user);
  r.response_format = "json_schema";
  r.response_schema = schema;
  return r;
}

bool is_json(const std::string& text) {
  boost::system::error_code ec;
  json::parse(text, ec);
  return !ec;
}

} // namespace

TEST_CASE("extractive_model fills a declared JSON schema for other operations",
          "[extractive_model]") {
  auto ticket = "<document id=\"ticket-7\">The whole dashboard is down for all our users "
                "since 9am, production outage.</document>";
  auto answer = complete_json(schema_request(ticket, triage_schema));
  CHECK(answer.at("category") == "complex");
  CHECK(answer.at("summary") == "The whole dashboard is down for all our");
  CHECK(answer.at("urgent") == true);
  CHECK(answer.at("generated_by") == "local extractive model (offline)");
  std::vector<std::string> keys;
  for (const auto& kv : answer)
    keys.emplace_back(kv.key());
  CHECK(keys ==
        std::vector<std::string>{"category", "summary", "urgent", "generated_by"});

  auto r =
      schema_request("<question>" + question + "</question>" + corpus(), triage_schema);
  CHECK(extractive_model{}.complete(r).text == extractive_model{}.complete(r).text);

  auto simple =
      complete_json(schema_request("How do I reset my password?", triage_schema));
  CHECK(simple.at("category") == "simple");
  CHECK(simple.at("urgent") == false);
}

TEST_CASE("extractive_model adds no label where the schema forbids extra keys",
          "[extractive_model]") {
  auto strict = json::parse(triage_schema).as_object();
  strict["additionalProperties"] = false;
  auto answer = complete_json(
      schema_request("How do I reset my password?", json::serialize(strict)));
  CHECK_FALSE(answer.contains("generated_by"));
  CHECK(answer.size() == 3);
}

TEST_CASE("extractive_model answers plain text when the schema cannot be read",
          "[extractive_model]") {
  auto user = "<question>" + question + "</question>" + corpus();
  auto plain = extractive_model{}.complete(request("triage", user)).text;
  std::string too_deep(200, '[');
  for (const auto& schema : {std::string{"{not json"}, std::string{"[1, 2]"},
                             std::string{"\"object\""}, std::string{}, too_deep}) {
    auto answer = extractive_model{}.complete(schema_request(user, schema));
    CHECK(answer.text == plain);
    CHECK_FALSE(is_json(answer.text));
  }
}

TEST_CASE("extractive_model keeps its built-in answers when a schema is declared",
          "[extractive_model]") {
  auto r =
      schema_request("<question>" + question + "</question>" + corpus(), triage_schema);
  r.operation = "summarize";
  auto answer = complete_json(r);
  CHECK(answer.contains("findings"));
  CHECK_FALSE(answer.contains("category"));
}

TEST_CASE("extractive_model verify checks each claim and quotes its evidence",
          "[extractive_model]") {
  auto user = corpus() + "<claim>Pumped hydro lasts for decades.</claim>" +
              "<claim>Hydrogen caverns store seasonal energy.</claim>";
  for (const auto* format : {"text", "json_object", "json_schema"}) {
    auto r = request("verify", user);
    r.response_format = format;
    r.response_schema = triage_schema;
    auto answer = complete_json(r);
    CHECK(answer.at("generated_by") == "local extractive model (offline)");
    const auto& claims = answer.at("claims").as_array();
    REQUIRE(claims.size() == 2);
    const auto& hydro = claims[0].as_object();
    CHECK(hydro.at("text") == "Pumped hydro lasts for decades.");
    CHECK(hydro.at("supported") == true);
    CHECK(strings(hydro.at("sources")) == std::vector<std::string>{"hydro"});
    CHECK(hydro.at("evidence") ==
          "Compared with battery storage, pumped hydro lasts for decades.");
    const auto& hydrogen = claims[1].as_object();
    CHECK(hydrogen.at("supported") == false);
    CHECK(hydrogen.at("sources").as_array().empty());
    CHECK(hydrogen.at("evidence") == "");
  }
  CHECK(complete_json(request("verify", corpus())).at("claims").as_array().empty());
}

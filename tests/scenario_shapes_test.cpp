// Typed inputs and outputs: the loader checks that what each step gives its
// agent fits the input shape the agent's type declares.

#include "runtime/scenario/json_shape.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/loader_fixture.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
using namespace troupe::test;
namespace json = boost::json;

namespace {

json::value shape(const char* text) {
  return json::parse(text);
}

/// The fake types with the shapes the built-in agents work with.
agent_registry typed_agents() {
  auto registry = fake_agents();
  auto search = *registry.find("search");
  search.input_shape = shape(R"({"query": "string", "followup?": "string"})");
  search.output_shape = shape(R"({"query": "string", "new_sources": "integer",
      "sources": [{"id": "string", "title": "string", "path": "string",
                   "snippet": "string", "text": "string", "score": "number"}]})");
  registry.add(search);
  auto summarize = *registry.find("summarize");
  summarize.input_shape = shape(R"({"question": "string",
      "source": {"id": "string", "title": "string", "text": "string"}})");
  summarize.output_shape = shape(R"({"source_id": "string", "title": "string",
      "path": "string", "findings": ["string"], "model": "string"})");
  registry.add(summarize);
  auto analyze = *registry.find("analyze");
  analyze.input_shape = shape(R"({"question": "string",
      "summaries": [{"source_id": "string", "title": "string", "findings": ["string"]}]})");
  analyze.output_shape = shape(R"({"trends": "array", "key_points": "array",
      "gaps": "array", "model": "string"})");
  registry.add(analyze);
  auto refine = *registry.find("refine");
  refine.input_shape = shape(R"({"question": "string",
      "analysis": {"trends": "array", "key_points": "array"},
      "summaries": [{"source_id": "string", "findings": ["string"]}]})");
  refine.output_shape = shape(R"({"report": "string", "summary": "string",
      "gaps": "array", "followup_query": "string"})");
  registry.add(refine);
  return registry;
}

/// Replaces the registered type `name` with what `change` makes of it.
template <class F>
void retype(agent_registry& registry, const std::string& name, F change) {
  auto type = *registry.find(name);
  change(type);
  registry.add(std::move(type));
}

struct typed_fixture : loader_fixture {
  typed_fixture() { agents = typed_agents(); }
};

// Three steps whose shapes fit; the cases below break one thing each.
const std::string typed = R"({
  "name": "typed",
  "inputs": {"question": {}},
  "tools": {"corpus": {"type": "corpus", "path": "corpus"}},
  "agents": {
    "search": {"type": "search", "params": {"tool": "corpus"}},
    "summarize": {"type": "summarize", "prompt": "{{question}} {{source_text}}"},
    "analyze": {"type": "analyze", "prompt": "{{question}} {{documents}}"}
  },
  "flow": [
    {"id": "search", "agent": "search", "with": {"query": "{{inputs.question}}"}},
    {"id": "summarize", "agent": "summarize", "for_each": "search.sources",
     "with": {"question": "{{inputs.question}}", "source": "{{item}}"}},
    {"id": "analyze", "agent": "analyze",
     "with": {"question": "{{inputs.question}}", "summaries": "{{summarize}}"}}
  ]
})";

std::string change_typed(const std::string& from, const std::string& to) {
  return change(from, to, typed);
}

} // namespace

TEST_CASE_METHOD(typed_fixture, "shapes: fitting outputs and inputs load",
                 "[scenario_loader][shapes]") {
  auto result = load(typed);
  log_errors(result);
  CHECK(result.spec);
}

TEST_CASE_METHOD(typed_fixture, "shapes: a field the consumer needs is missing",
                 "[scenario_loader][shapes]") {
  retype(agents, "summarize", [](agent_type& t) {
    t.output_shape = shape(R"({"source_id": "string", "title": "string",
                               "path": "string", "model": "string"})");
  });
  auto result = load(typed);
  only_error(result, 15, 63,
             "step 'analyze' input 'summaries': step 'summarize' gives an array of "
             "objects without field 'findings' at summaries[].findings, which agent type "
             "'analyze' needs");
  CHECK(result.errors[0].to_string() ==
        "test.json:15:63: step 'analyze' input 'summaries': step 'summarize' gives an "
        "array of objects without field 'findings' at summaries[].findings, which "
        "agent type 'analyze' needs\n"
        "  hint: agent type 'summarize' produces: {\"source_id\": \"string\", "
        "\"title\": \"string\", \"path\": \"string\", ...}");
}

TEST_CASE_METHOD(typed_fixture, "shapes: an element of for_each lacks a field",
                 "[scenario_loader][shapes]") {
  retype(agents, "summarize", [](agent_type& t) {
    t.input_shape = shape(R"({"question": "string", "source": {"id": "string",
                              "title": "string", "body": "string"}})");
  });
  only_error(load(typed), 13, 60,
             "step 'summarize' input 'source': '{{item}}' gives an object without field "
             "'body' at source.body, which agent type 'summarize' needs",
             "agent type 'search' produces: {\"query\": \"string\", \"new_sources\": "
             "\"integer\", ...}");
}

TEST_CASE_METHOD(typed_fixture, "shapes: a field of the producer that may be missing",
                 "[scenario_loader][shapes]") {
  retype(agents, "summarize", [](agent_type& t) {
    t.output_shape = shape(R"({"source_id": "string", "title": "string",
                               "findings?": ["string"]})");
  });
  only_error(load(typed), 15, 63,
             "step 'summarize' gives an array of objects in which field 'findings' may "
             "be missing at summaries[].findings, which agent type 'analyze' needs");
}

TEST_CASE_METHOD(typed_fixture, "shapes: a run input where an array is needed",
                 "[scenario_loader][shapes]") {
  only_error(
      load(change_typed(R"("summaries": "{{summarize}}")",
                        R"("summaries": "{{inputs.question}}")")),
      15, 63,
      "step 'analyze' input 'summaries': '{{inputs.question}}' gives a string, where "
      "agent type 'analyze' needs an array of objects",
      "agent type 'analyze' needs \"summaries\": [{\"source_id\": \"string\", "
      "\"title\": \"string\", ...}]");
}

TEST_CASE_METHOD(typed_fixture, "shapes: literals and text have their own shapes",
                 "[scenario_loader][shapes]") {
  auto result = load(change_typed(
      R"("summaries": "{{summarize}}")",
      R"("summaries": [{"source_id": 7, "title": "First: {{summarize.0.title}}",)"
      R"( "findings": ["{{summarize.0.title}}"]}])"));
  only_error(result, 15, 63,
             "step 'analyze' input 'summaries': the value gives an array of objects "
             "with an integer at summaries[].source_id, where agent type 'analyze' "
             "needs a string");
}

TEST_CASE_METHOD(typed_fixture, "shapes: a reference to a field the producer lacks",
                 "[scenario_loader][shapes]") {
  only_error(load(change_typed(R"("summaries": "{{summarize}}")",
                               R"("summaries": "{{search.source}}")")),
             15, 63,
             "step 'analyze' input 'summaries': '{{search.source}}' refers to field "
             "'source', which agent type 'search' does not produce",
             "agent type 'search' produces: {\"query\": \"string\"");
}

TEST_CASE_METHOD(typed_fixture, "shapes: a part of a step's output by index",
                 "[scenario_loader][shapes]") {
  auto text = change_typed(R"("summaries": "{{summarize}}")",
                           R"("summaries": ["{{summarize.0}}"])");
  auto result = load(text);
  log_errors(result);
  CHECK(result.spec);
  only_error(load(change_typed(R"("summaries": "{{summarize}}")",
                               R"("summaries": "{{summarize.0}}")")),
             15, 63,
             "'{{summarize.0}}' gives an object, where agent type 'analyze' needs an "
             "array of objects");
}

TEST_CASE_METHOD(typed_fixture, "shapes: an undeclared output is not checked",
                 "[scenario_loader][shapes]") {
  retype(agents, "summarize", [](agent_type& t) { t.output_shape = nullptr; });
  auto result = load(typed);
  log_errors(result);
  CHECK(result.spec);
}

TEST_CASE_METHOD(typed_fixture, "shapes: an output shape derived from params",
                 "[scenario_loader][shapes]") {
  retype(agents, "summarize", [](agent_type& t) {
    t.output_shape_for = [](const agent_spec& spec) -> json::value {
      if (spec.params.contains("brief"))
        return shape(R"({"source_id": "string", "title": "string"})");
      return shape(
          R"({"source_id": "string", "title": "string", "findings": ["string"]})");
    };
  });
  auto result = load(typed);
  log_errors(result);
  CHECK(result.spec);
  only_error(load(change_typed(R"("prompt": "{{question}} {{source_text}}")",
                               R"("prompt": "{{question}} {{source_text}}", )"
                               R"("params": {"brief": true})")),
             15, 63, "without field 'findings' at summaries[].findings");
}

TEST_CASE_METHOD(typed_fixture, "shapes: a derived shape that cannot be worked out",
                 "[scenario_loader][shapes]") {
  retype(agents, "summarize", [](agent_type& t) {
    t.output_shape_for = [](const agent_spec& spec) -> json::value {
      return shape(spec.params.at("format").as_string().c_str());
    };
  });
  only_error(load(typed), 7, 5,
             "agent 'summarize' (type summarize): its output shape cannot be worked out",
             "check the agent's \"params\"");
}

TEST_CASE_METHOD(typed_fixture, "shapes: registered shapes must be valid notation",
                 "[scenario_loader][shapes]") {
  retype(agents, "summarize",
         [](agent_type& t) { t.output_shape = shape(R"({"findings": ["strng"]})"); });
  retype(agents, "analyze", [](agent_type& t) {
    t.input_shape = shape(R"({"question": "string", "summaries": "array",
                              "depth": "integer"})");
  });
  auto result = load(typed);
  log_errors(result);
  REQUIRE_FALSE(result.spec);
  REQUIRE(result.errors.size() == 2);
  CHECK(result.errors[0].to_string() ==
        "test.json: agent type 'analyze' has input_shape field 'depth', which its "
        "required_inputs do not list\n"
        "  hint: list it in required_inputs, or write \"depth?\" in input_shape if "
        "steps may leave it out");
  CHECK(result.errors[1].line == 0);
  CHECK(result.errors[1].message ==
        "agent type 'summarize' declares an invalid output_shape: unknown type 'strng' "
        "at findings[] (did you mean 'string'? types: string, number, integer, "
        "boolean, object, array, any)");
  CHECK_THAT(result.errors[1].hint, Catch::Contains("not in the scenario"));
}

TEST_CASE_METHOD(typed_fixture, "shapes: the research assistant loads clean",
                 "[scenario_loader][shapes]") {
  const fs::path source_dir = fs::path{TROUPE_SOURCE_DIR} / "scenarios";
  std::ifstream in{source_dir / "research_assistant.json"};
  REQUIRE(in);
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  // Stand-ins for the prompt files and corpus, as in the test above: this
  // one is about shapes.
  dir.write("research_assistant/prompts/summarize.txt",
            "{{question}} {{source_id}} {{source_title}} {{source_text}}");
  dir.write("research_assistant/prompts/analyze.txt", "{{question}} {{documents}}");
  dir.write("research_assistant/prompts/refine.txt",
            "{{question}} {{documents}} {{claims}}");
  fs::create_directories(dir.path() / "research_assistant/corpus");
  auto result = scenario_loader{agents, tools}.load_text(text, "research_assistant.json",
                                                         dir.path().string());
  log_errors(result);
  CHECK(result.errors.empty());
  CHECK(result.spec);
}

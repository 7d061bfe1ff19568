// Agent plugins: the example fact_check plugin loaded from its .so and run
// in a scenario, and broken plugins refused with errors that say why.

#include "agents/builtin_agents.hpp"
#include "runtime/agent/plugin_loader.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"
#include "tools/builtin_tools.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace troupe;

namespace {

struct plugin_fixture {
  agent_registry agents;
  tool_registry tools;
  plugin_loader plugins{agents};

  plugin_fixture() {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
  }

  std::string refusal(const std::string& path) {
    auto names = plugins.load(path);
    REQUIRE_FALSE(names);
    CHECK(has_code(names.error(), errc::invalid_input));
    return describe(names.error());
  }
};

// The research assistant with a fact_check step between analyze and refine.
constexpr const char* fact_check_scenario = R"({
  "name": "research_fact_check",
  "inputs": {"question": {"default": "What are the main trade-offs of grid-scale battery storage?"}},
  "tools": {"corpus": {"type": "corpus", "path": "research_assistant/corpus"}},
  "agents": {
    "search": {"type": "search", "params": {"tool": "corpus", "max_sources": 4}},
    "summarize": {"type": "summarize", "prompt": {"file": "research_assistant/prompts/summarize.txt"}},
    "analyze": {"type": "analyze", "prompt": {"file": "research_assistant/prompts/analyze.txt"}},
    "fact_check": {"type": "fact_check",
                   "prompt": "Question: {{question}}\n{{documents}}\nIs this claim stated by the documents? {{claim}}"}
  },
  "flow": [
    {"id": "search", "agent": "search", "with": {"query": "{{inputs.question}}"}},
    {"id": "summarize", "agent": "summarize", "for_each": "search.sources",
     "with": {"question": "{{inputs.question}}", "source": "{{item}}"}},
    {"id": "analyze", "agent": "analyze",
     "with": {"question": "{{inputs.question}}", "summaries": "{{summarize}}"}},
    {"id": "check", "agent": "fact_check",
     "with": {"question": "{{inputs.question}}", "analysis": "{{analyze}}", "summaries": "{{summarize}}"}}
  ],
  "report": "check.report"
})";

} // namespace

TEST_CASE_METHOD(plugin_fixture, "the fact_check plugin registers its agent type") {
  auto names = plugins.load(TROUPE_FACT_CHECK_SO);
  REQUIRE(names);
  CHECK(*names == std::vector<std::string>{"fact_check"});
  const auto* type = agents.find("fact_check");
  REQUIRE(type != nullptr);
  CHECK(type->needs_prompt);
  CHECK(type->needs_route);
  CHECK(type->required_inputs ==
        std::vector<std::string>{"question", "analysis", "summaries"});
  CHECK(type->output_shape.as_object().contains("checked"));
  SECTION("loading it again adds nothing and is no error") {
    auto again = plugins.load(TROUPE_FACT_CHECK_SO);
    REQUIRE(again);
    CHECK(again->empty());
  }
}

TEST_CASE_METHOD(plugin_fixture, "a plugin built for another API version is refused") {
  auto why = refusal(TROUPE_WRONG_VERSION_PLUGIN_SO);
  CHECK_THAT(why, Catch::Contains("was built for agent API version " +
                                  std::to_string(TROUPE_AGENT_API_VERSION + 998)));
  CHECK_THAT(why, Catch::Contains("this troupe has version " +
                                  std::to_string(TROUPE_AGENT_API_VERSION)));
  CHECK_THAT(why, Catch::Contains("rebuild the plugin"));
}

TEST_CASE_METHOD(plugin_fixture,
                 "a plugin without its registration function is refused") {
  auto why = refusal(TROUPE_NO_REGISTER_PLUGIN_SO);
  CHECK_THAT(why, Catch::Contains("exports no troupe_register_plugin()"));
  CHECK_THAT(why, Catch::Contains("TROUPE_PLUGIN"));
}

TEST_CASE_METHOD(plugin_fixture, "a library that is no plugin is refused") {
  auto why = refusal(TROUPE_NOT_A_PLUGIN_SO);
  CHECK_THAT(why, Catch::Contains("is not a Troupe plugin"));
  CHECK_THAT(why, Catch::Contains(TROUPE_NOT_A_PLUGIN_SO));
}

TEST_CASE_METHOD(plugin_fixture, "a missing plugin file is refused") {
  auto why = refusal("/nonexistent/plugin.so");
  CHECK_THAT(why, Catch::Contains("'/nonexistent/plugin.so' does not exist"));
}

TEST_CASE_METHOD(plugin_fixture, "a file that is no shared library is refused") {
  auto why = refusal(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json");
  CHECK_THAT(why, Catch::Contains("does not load"));
}

TEST_CASE_METHOD(plugin_fixture, "a plugin may not replace a registered type") {
  auto why = refusal(TROUPE_DUPLICATE_TYPE_PLUGIN_SO);
  CHECK_THAT(
      why, Catch::Contains("registers agent type 'search', which is already registered"));
  CHECK(agents.find("echo_from_plugin") == nullptr); // all or nothing
}

TEST_CASE_METHOD(plugin_fixture, "the fact_check plugin runs in a scenario") {
  test::temp_dir tmp;
  setenv("XDG_CACHE_HOME", tmp.file("cache").c_str(), 1);
  scenario_loader loader{agents, tools};
  auto unknown =
      loader.load_text(fact_check_scenario, "fc.json", TROUPE_SOURCE_DIR "/scenarios");
  REQUIRE_FALSE(unknown.errors.empty()); // before the plugin: an unknown type
  CHECK_THAT(unknown.errors.front().to_string(), Catch::Contains("fact_check"));

  REQUIRE(plugins.load(TROUPE_FACT_CHECK_SO));
  auto loaded =
      loader.load_text(fact_check_scenario, "fc.json", TROUPE_SOURCE_DIR "/scenarios");
  for (const auto& e : loaded.errors)
    UNSCOPED_INFO(e.to_string());
  REQUIRE(loaded.spec);
  test::test_system ts;
  run_options opts;
  opts.out_dir = tmp.file("run");
  auto report = execute_run(ts.sys, *loaded.spec, agents, tools, opts);
  REQUIRE(report);
  INFO(report->outcome.error);
  REQUIRE(report->outcome.status == "succeeded");

  const auto& check = report->outcome.outputs.at("check").as_object();
  const auto& checked = check.at("checked").as_array();
  auto key_points =
      report->outcome.outputs.at("analyze").at("key_points").as_array().size();
  REQUIRE(key_points > 0);
  CHECK(checked.size() == key_points);
  CHECK(check.at("supported").as_int64() + check.at("unsupported").as_int64() ==
        static_cast<int64_t>(key_points));
  // Key points are sentences of the summaries, so the offline check finds them.
  CHECK(check.at("supported").as_int64() > 0);
  for (const auto& c : checked)
    CHECK(c.at("supported").is_bool());
  CHECK_THAT(test::slurp(report->report_path), Catch::Contains("## Fact check"));

  auto events = test::read_trace(report->trace_path);
  CHECK(test::count_kind(events, "model_call", "fact_check") == key_points);
  CHECK(test::count_kind(events, "agent_event", "fact_check") == 1);
}

TEST_CASE_METHOD(plugin_fixture,
                 "a scenario's plugins load before its agents are checked") {
  std::string text = fact_check_scenario;
  auto with_plugins = [&](const std::string& list) {
    auto copy = text;
    copy.insert(copy.find("\"inputs\""), "\"plugins\": " + list + ",\n  ");
    return copy;
  };
  scenario_loader loader{agents, tools};
  loader.on_plugin([&](const std::string& path) -> std::optional<std::string> {
    auto names = plugins.load(path);
    return names ? std::nullopt : std::optional<std::string>{describe(names.error())};
  });
  SECTION("the plugin's type is known to the agents that follow") {
    auto loaded = loader.load_text(with_plugins("[\"" TROUPE_FACT_CHECK_SO "\"]"),
                                   "fc.json", TROUPE_SOURCE_DIR "/scenarios");
    for (const auto& e : loaded.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(loaded.spec);
    CHECK(loaded.spec->plugins == std::vector<std::string>{TROUPE_FACT_CHECK_SO});
  }
  SECTION("a plugin that fails to load is reported at its path in the file") {
    auto loaded =
        loader.load_text(with_plugins("[\"" TROUPE_WRONG_VERSION_PLUGIN_SO "\"]"),
                         "fc.json", TROUPE_SOURCE_DIR "/scenarios");
    REQUIRE_FALSE(loaded.errors.empty());
    CHECK_THAT(loaded.errors.front().to_string(),
               Catch::StartsWith("fc.json:3:15: plugin '" TROUPE_WRONG_VERSION_PLUGIN_SO
                                 "' was built for agent API version"));
  }
  SECTION("a missing plugin file is reported with the folder it was looked for in") {
    auto loaded = loader.load_text(with_plugins("[\"plugins/nope.so\"]"), "fc.json",
                                   TROUPE_SOURCE_DIR "/scenarios");
    REQUIRE_FALSE(loaded.errors.empty());
    CHECK(loaded.errors.front().to_string() ==
          "fc.json:3:15: plugin '" TROUPE_SOURCE_DIR
          "/scenarios/plugins/nope.so' does not "
          "exist\n  hint: relative paths are resolved against the scenario "
          "folder " TROUPE_SOURCE_DIR "/scenarios");
  }
}

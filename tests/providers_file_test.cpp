#include "agents/builtin_agents.hpp"
#include "runtime/agent/plugin_loader.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "tests/support/test_system.hpp"
#include "tools/builtin_tools.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

const fs::path scenarios_dir = fs::path{TROUPE_SOURCE_DIR} / "scenarios";

struct builtin_registries {
  agent_registry agents;
  tool_registry tools;
  builtin_registries() {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
  }
};

struct providers_fixture : builtin_registries {
  test::temp_dir dir;

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream{dir.file(name)} << text;
    return dir.file(name);
  }

  load_result load(const std::string& scenario, const std::string& providers = {}) const {
    return scenario_loader{agents, tools}.load_file(scenario, providers);
  }
};

void log_errors(const std::vector<config_error>& errors) {
  for (const auto& e : errors)
    UNSCOPED_INFO(e.to_string());
}

/// The files of `folder` ending in .json, sorted.
std::vector<fs::path> json_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator{folder})
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// `text` with its only occurrence of `from` replaced by `to`.
std::string change(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  REQUIRE(text.find(from, pos + 1) == std::string::npos);
  return text.replace(pos, from.size(), to);
}

providers_file loaded_providers(const std::string& path) {
  auto result = scenario_loader::load_providers_file(path);
  log_errors(result.errors);
  REQUIRE(result.spec);
  return *result.spec;
}

// A scenario of one model-calling agent on route "default" and one on
// "fast", with models and budget of its own; merge tests put a providers
// file over it.
const std::string merge_scenario = R"({
  "name": "merge",
  "inputs": {"question": {"default": "why?"}},
  "models": {
    "providers": {"openai": {"type": "openai", "base_url": "https://scenario.test/v1"},
                  "mine": {"type": "anthropic"}},
    "routes": {"fast": {"provider": "mine", "model": "claude-3-5-haiku-latest"},
               "own": {"provider": "openai", "model": "gpt-4o"}},
    "retry": {"max_retries": 5},
    "breaker": {"failure_threshold": 9},
    "pricing": {"prices": {"openai/gpt-4o": {"input": 1, "output": 1},
                           "mine/claude-3-5-haiku-latest": {"input": 2, "output": 2}}}
  },
  "budget": {"run": {"usd": 1, "calls": 10}, "providers": {"openai": {"usd": 0.5}}},
  "agents": {
    "analyze": {"type": "analyze", "prompt": "{{question}} {{documents}}"},
    "refine": {"type": "refine", "route": "fast",
               "prompt": "{{question}} {{documents}} {{claims}}"}
  },
  "flow": [
    {"id": "analyze", "agent": "analyze",
     "with": {"question": "{{inputs.question}}", "summaries": []}},
    {"id": "refine", "agent": "refine",
     "with": {"question": "{{inputs.question}}", "analysis": "{{analyze}}",
              "summaries": []}}
  ]
})";

const std::string merge_providers = R"({
  "providers": {"openai": {"type": "openai", "base_url": "https://file.test/v1",
                           "api_key_env": "OPENAI_API_KEY"}},
  "routes": {"default": {"provider": "openai", "model": "gpt-4o-mini"},
             "fast": {"provider": "openai", "model": "gpt-4o-mini"}},
  "retry": {"base_delay_ms": 10},
  "pricing": {"prices": {"openai/gpt-4o": {"input": 3, "output": 4}}},
  "budget": {"run": {"usd": 2, "tokens": 5000}, "providers": {"openai": {"usd": 0.25}}}
})";

} // namespace

TEST_CASE("every example providers file loads", "[models]") {
  auto files = json_files(scenarios_dir / "providers");
  REQUIRE(files.size() >= 5);
  for (const auto& file : files) {
    INFO(file.string());
    auto spec = loaded_providers(file.string());
    CHECK(spec.file == file.string());
    CHECK(spec.models.routes.count("default") == 1);
  }
}

TEST_CASE("the example providers files say what their names say", "[models]") {
  auto load = [](const char* name) {
    return loaded_providers((scenarios_dir / "providers" / name).string());
  };
  auto offline = load("offline.json");
  CHECK(offline.models.routes.at("default").targets.at(0).provider == "local");
  CHECK(offline.models.providers.size() == 1);

  auto openai = load("openai_with_local_fallback.json");
  const auto& chain = openai.models.routes.at("default").targets;
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].model == "gpt-4o-mini");
  CHECK(chain[1].provider == "local");
  CHECK(openai.models.providers.at("openai").api_key_env == "OPENAI_API_KEY");
  CHECK(openai.budget.run.usd == 0.5);

  auto failover = load("anthropic_openai_failover.json");
  const auto& order = failover.models.routes.at("default").targets;
  REQUIRE(order.size() == 3);
  CHECK(failover.models.providers.at(order[0].provider).type == "anthropic");
  CHECK(failover.models.providers.at(order[1].provider).type == "openai");
  CHECK(order[2].provider == "local");

  auto tiered = load("tiered.json");
  CHECK(tiered.models.routes.at("cheap").targets.at(0).model == "gpt-4o-mini");
  CHECK(tiered.models.routes.at("smart").targets.at(0).model == "gpt-4o");

  auto server = load("local_server.json");
  const auto& llama = server.models.providers.at("local_server");
  CHECK(llama.base_url == "http://127.0.0.1:8080/v1");
  CHECK(llama.api_key_env.empty());
  CHECK(server.models.routes.at("default").targets.back().provider == "local");
}

TEST_CASE_METHOD(providers_fixture,
                 "every scenario loads, alone and with every example providers file",
                 "[models][scenario]") {
  // research_fact_check.json uses the example plugin's agent type.
  plugin_loader plugins{agents};
  REQUIRE(plugins.load(TROUPE_FACT_CHECK_SO));
  auto providers = json_files(scenarios_dir / "providers");
  for (const auto& scenario : json_files(scenarios_dir)) {
    // The shipped pricing table lives next to the scenarios; it is no scenario.
    if (scenario.filename() == "pricing.json")
      continue;
    INFO(scenario.string());
    auto alone = load(scenario.string());
    log_errors(alone.errors);
    CHECK(alone.spec);
    for (const auto& file : providers) {
      INFO(file.string());
      auto merged = load(scenario.string(), file.string());
      log_errors(merged.errors);
      CHECK(merged.spec);
    }
  }
}

TEST_CASE_METHOD(providers_fixture,
                 "a providers file's default re-routes the research "
                 "assistant",
                 "[models]") {
  auto result = load((scenarios_dir / "research_assistant.json").string(),
                     (scenarios_dir / "providers/local_server.json").string());
  log_errors(result.errors);
  REQUIRE(result.spec);
  const auto& route = result.spec->models.routes.at("default");
  CHECK(route.targets.at(0).provider == "local_server");
  for (const auto& agent : result.spec->agents)
    if (agent.type != "search")
      CHECK(agent.route == "default");
}

TEST_CASE_METHOD(providers_fixture, "merging: the providers file wins by name",
                 "[models]") {
  auto result = load(write("s.json", merge_scenario), write("p.json", merge_providers));
  log_errors(result.errors);
  REQUIRE(result.spec);
  const auto& models = result.spec->models;

  // Providers and routes of the same name are replaced, others kept or added.
  CHECK(models.providers.at("openai").base_url == "https://file.test/v1");
  CHECK(models.providers.at("openai").api_key_env == "OPENAI_API_KEY");
  CHECK(models.providers.at("mine").type == "anthropic");
  CHECK(models.providers.count("local") == 1);
  CHECK(models.routes.at("fast").targets.at(0).provider == "openai");
  CHECK(models.routes.at("default").targets.at(0).model == "gpt-4o-mini");
  CHECK(models.routes.at("own").targets.at(0).model == "gpt-4o");

  // A policy section the file gives replaces the scenario's as a whole.
  CHECK(models.retry.base_delay == std::chrono::milliseconds{10});
  CHECK(models.retry.max_retries == retry_spec{}.max_retries);
  CHECK(models.breaker.failure_threshold == 9);

  // Prices merge by key.
  CHECK(models.prices.at("openai/gpt-4o").input_per_mtok == 3);
  CHECK(models.prices.at("mine/claude-3-5-haiku-latest").input_per_mtok == 2);
}

TEST_CASE_METHOD(providers_fixture, "merging: budget caps only tighten", "[models]") {
  auto result = load(write("s.json", merge_scenario), write("p.json", merge_providers));
  log_errors(result.errors);
  REQUIRE(result.spec);
  const auto& budget = result.spec->budget;
  CHECK(budget.run.usd == 1);                       // the scenario's is lower
  CHECK(budget.run.calls == 10);                    // only the scenario caps calls
  CHECK(budget.run.tokens == 5000);                 // only the file caps tokens
  CHECK(budget.providers.at("openai").usd == 0.25); // the file's is lower
}

TEST_CASE_METHOD(providers_fixture, "routes and providers may come from the file alone",
                 "[models]") {
  auto scenario = change(merge_scenario, R"("route": "fast")", R"("route": "smart")");
  scenario = change(scenario, R"("own": {"provider": "openai")",
                    R"("own": {"provider": "groq")");
  auto path = write("s.json", scenario);

  auto alone = load(path);
  REQUIRE_FALSE(alone.spec);
  REQUIRE(alone.errors.size() == 2);
  CHECK_THAT(alone.errors[0].message,
             Catch::Contains("route 'own' names provider 'groq', which is not declared"));
  CHECK_THAT(alone.errors[1].message,
             Catch::Contains("uses route 'smart', which is not declared"));

  auto providers = write("p.json", R"({
    "providers": {"groq": {"type": "openai", "base_url": "https://api.groq.com/openai/v1"}},
    "routes": {"smart": {"provider": "groq", "model": "llama-3.3-70b-versatile"}}
  })");
  auto merged = load(path, providers);
  log_errors(merged.errors);
  REQUIRE(merged.spec);
  CHECK(merged.spec->find_agent("refine")->route == "smart");
}

TEST_CASE_METHOD(providers_fixture, "errors carry the providers file's name and position",
                 "[models]") {
  auto providers =
      write("p.json", "{\n"
                      "  \"routes\": {\n"
                      "    \"default\": {\"provider\": \"openia\", \"model\": "
                      "\"gpt-4o\"}\n"
                      "  },\n"
                      "  \"retrys\": {}\n"
                      "}");
  auto scenario = change(merge_scenario, R"("route": "fast")", R"("route": "fats")");
  auto result = load(write("s.json", scenario), providers);
  log_errors(result.errors);
  REQUIRE_FALSE(result.spec);
  REQUIRE(result.errors.size() == 3);

  const auto& first = result.errors[0];
  CHECK(first.file == providers);
  CHECK(first.line == 3);
  CHECK(first.column == 29);
  CHECK(first.message ==
        "route 'default' names provider 'openia', which is not declared");
  CHECK(first.hint == "declared providers: local");

  const auto& second = result.errors[1];
  CHECK(second.file == providers);
  CHECK(second.line == 5);
  CHECK(second.column == 3);
  CHECK(second.message == "unknown key 'retrys'");
  CHECK(second.hint == "did you mean 'retry'? allowed keys: providers, routes, retry, "
                       "breaker, cache, pricing, budget");

  // The scenario's own problems follow, with its name.
  CHECK(result.errors[2].file == dir.file("s.json"));
  CHECK(result.errors[2].line == 17);
  CHECK_THAT(result.errors[2].message, Catch::Contains("uses route 'fats'"));
}

TEST_CASE("malformed providers files", "[models]") {
  auto load = [](const std::string& text) {
    auto result = scenario_loader::load_providers_text(text, "p.json", "/tmp");
    log_errors(result.errors);
    CHECK_FALSE(result.spec);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].file == "p.json");
    return result.errors[0];
  };
  SECTION("not an object") {
    auto e = load("\n [1]");
    CHECK(e.line == 2);
    CHECK(e.column == 2);
    CHECK(e.message == "a providers file must hold a JSON object");
  }
  SECTION("a syntax error") {
    auto e = load("{\"routes\" {}}");
    CHECK(e.line == 1);
    CHECK(e.column == 11);
    CHECK_THAT(e.message, Catch::Contains("invalid JSON"));
  }
  SECTION("text after the object") {
    auto e = load("{}\n{}");
    CHECK(e.line == 2);
    CHECK(e.hint == "a providers file holds exactly one JSON object");
  }
  SECTION("per-agent caps") {
    auto e = load("{\"budget\": {\"agents\": {\"refine\": {\"usd\": 1}}}}");
    CHECK(e.line == 1);
    CHECK(e.column == 13);
    CHECK(e.message == "a providers file cannot cap agents: it serves any scenario");
    CHECK(e.hint == "put per-agent caps in the scenario's \"budget\" section");
  }
  SECTION("a duplicate route") {
    auto e = load(R"({"routes": {"a": {"provider": "local", "model": "extractive-v1"},)"
                  R"( "a": {"provider": "local", "model": "extractive-v1"}}})");
    CHECK(e.column == 67);
    CHECK(e.message == "routes.a is given more than once");
  }
}

TEST_CASE_METHOD(providers_fixture, "a missing providers file is named", "[models]") {
  auto missing = dir.file("absent.json");
  auto alone = scenario_loader::load_providers_file(missing);
  REQUIRE(alone.errors.size() == 1);
  CHECK(alone.errors[0].message == "providers file '" + missing + "' does not exist");

  auto with_scenario = load(write("s.json", merge_scenario), missing);
  REQUIRE_FALSE(with_scenario.spec);
  REQUIRE(with_scenario.errors.size() == 1);
  CHECK(with_scenario.errors[0].file == missing);
}

TEST_CASE_METHOD(providers_fixture,
                 "paths in a providers file resolve against its folder", "[models]") {
  fs::create_directories(dir.file("conf"));
  write("conf/prices.json", R"({"prices": {}})");
  auto spec = loaded_providers(write(
      "conf/p.json",
      R"({"cache": {"path": "cache.sqlite"}, "pricing": {"file": "prices.json"}})"));
  auto conf = fs::path{dir.file("conf")}.lexically_normal();
  CHECK(spec.models.cache.path == (conf / "cache.sqlite").string());
  CHECK(spec.models.pricing_file == (conf / "prices.json").string());
}

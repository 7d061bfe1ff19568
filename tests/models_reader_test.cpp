#include "runtime/scenario/scenario_loader.hpp"
#include "tests/support/test_system.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

/// One agent type that calls a model and needs nothing else, so the
/// scenarios below are about models and budget only.
agent_registry asking_agents() {
  agent_registry registry;
  agent_type ask;
  ask.name = "ask";
  ask.needs_route = true;
  registry.add(ask);
  return registry;
}

struct models_fixture {
  agent_registry agents = asking_agents();
  tool_registry tools;
  test::temp_dir dir;

  load_result load(const std::string& text, const providers_file* extra = nullptr) const {
    return scenario_loader{agents, tools}.load_text(text, "test.json", dir.str(), extra);
  }

  void write(const std::string& name, const std::string& text) const {
    fs::create_directories(fs::path{dir.file(name)}.parent_path());
    std::ofstream{dir.file(name)} << text;
  }
};

/// A scenario whose `models` section is `models`, starting at line 5,
/// column 13, followed by `rest` (more top-level members).
std::string with_models(const std::string& models, const std::string& rest = {}) {
  return "{\n"
         "  \"name\": \"m\",\n"
         "  \"agents\": {\"refine\": {\"type\": \"ask\"}},\n"
         "  \"flow\": [{\"id\": \"s\", \"agent\": \"refine\"}],\n"
         "  \"models\": " +
         models + rest + "\n}";
}

/// A scenario with no `models`, whose `budget` starts at line 5, column 13.
std::string with_budget(const std::string& budget) {
  return "{\n"
         "  \"name\": \"m\",\n"
         "  \"agents\": {\"refine\": {\"type\": \"ask\"}},\n"
         "  \"flow\": [{\"id\": \"s\", \"agent\": \"refine\"}],\n"
         "  \"budget\": " +
         budget + "\n}";
}

void log_errors(const std::vector<config_error>& errors) {
  for (const auto& e : errors)
    UNSCOPED_INFO(e.to_string());
}

/// Checks that `result` failed with exactly one error, as described.
void only_error(const load_result& result, int line, int column,
                const std::string& message, const std::string& hint = {}) {
  log_errors(result.errors);
  REQUIRE_FALSE(result.spec);
  REQUIRE(result.errors.size() == 1);
  const auto& e = result.errors.front();
  CHECK(e.file == "test.json");
  CHECK(e.line == line);
  CHECK(e.column == column);
  CHECK(e.message == message);
  CHECK(e.hint == hint);
}

scenario_spec loaded(const load_result& result) {
  log_errors(result.errors);
  REQUIRE(result.spec);
  return *result.spec;
}

} // namespace

// ---------------------------------------------------------------------------
// Valid forms

TEST_CASE_METHOD(models_fixture, "providers of every type are read with their settings",
                 "[models]") {
  const auto& spec = loaded(load(with_models(R"({
    "providers": {
      "openai": {"type": "openai", "base_url": "https://api.openai.com/v1/",
                 "api_key_env": "OPENAI_API_KEY",
                 "headers": {"OpenAI-Organization": "org-1"}, "timeout_seconds": 12.5,
                 "requests_per_minute": 500, "tokens_per_minute": 200000,
                 "when_limited": "next", "max_queue_wait_seconds": 3,
                 "max_response_mb": 2},
      "claude": {"type": "anthropic", "api_key_env": "ANTHROPIC_API_KEY",
                 "anthropic_version": "2024-01-01"},
      "llama": {"type": "openai", "base_url": "http://127.0.0.1:8080/v1"},
      "local": {"type": "local"}
    }
  })")));
  const auto& providers = spec.models.providers;
  REQUIRE(providers.size() == 4);

  const auto& openai = providers.at("openai");
  CHECK(openai.name == "openai");
  CHECK(openai.type == "openai");
  CHECK(openai.base_url == "https://api.openai.com/v1"); // trailing '/' dropped
  CHECK(openai.api_key_env == "OPENAI_API_KEY");
  REQUIRE(openai.headers.size() == 1);
  CHECK(openai.headers[0] ==
        std::pair<std::string, std::string>{"OpenAI-Organization", "org-1"});
  CHECK(openai.timeout == std::chrono::milliseconds{12500});
  CHECK(openai.requests_per_minute == 500);
  CHECK(openai.tokens_per_minute == 200000);
  CHECK(openai.when_limited == "next");
  CHECK(openai.max_queue_wait == std::chrono::seconds{3});
  CHECK(openai.max_response_bytes == 2 * 1024 * 1024);

  const auto& claude = providers.at("claude");
  CHECK(claude.type == "anthropic");
  CHECK(claude.base_url == "https://api.anthropic.com/v1"); // the default
  CHECK(claude.anthropic_version == "2024-01-01");
  CHECK(claude.requests_per_minute == 0); // no limit unless given
  CHECK(claude.when_limited == "wait");

  const auto& llama = providers.at("llama");
  CHECK(llama.api_key_env.empty()); // local servers need no key
  CHECK(llama.timeout == std::chrono::seconds{60});
  CHECK(llama.max_response_bytes == 8 * 1024 * 1024);

  CHECK(providers.at("local").type == "local");
}

TEST_CASE_METHOD(models_fixture, "routes: shorthand, targets, weights and strategies",
                 "[models]") {
  const auto& spec = loaded(load(with_models(R"({
    "providers": {
      "openai": {"type": "openai", "base_url": "https://api.openai.com/v1"},
      "claude": {"type": "anthropic"}
    },
    "routes": {
      "fast": {"provider": "local", "model": "extractive-v1", "context_window": 4096},
      "smart": {"strategy": "fallback", "targets": [
        {"provider": "openai", "model": "gpt-4o", "context_window": 128000},
        {"provider": "local", "model": "extractive-v1"}]},
      "ab": {"strategy": "weighted", "targets": [
        {"provider": "openai", "model": "gpt-4o-mini", "weight": 3},
        {"provider": "claude", "model": "claude-3-5-haiku-latest", "weight": 0.5}]},
      "learn": {"strategy": "score", "exploration": 0.2,
                "targets": [{"provider": "openai", "model": "gpt-4o"}]},
      "plain": {"targets": [{"provider": "claude", "model": "claude-3-5-haiku-latest"}]}
    }
  })")));
  const auto& routes = spec.models.routes;
  REQUIRE(routes.size() == 6); // and the implicit "default"

  const auto& fast = routes.at("fast");
  CHECK(fast.name == "fast");
  CHECK(fast.strategy == "fallback");
  REQUIRE(fast.targets.size() == 1);
  CHECK(fast.targets[0].provider == "local");
  CHECK(fast.targets[0].model == "extractive-v1");
  CHECK(fast.targets[0].context_window == 4096);

  const auto& smart = routes.at("smart");
  REQUIRE(smart.targets.size() == 2);
  CHECK(smart.targets[0].model == "gpt-4o");
  CHECK(smart.targets[0].context_window == 128000);
  CHECK(smart.targets[1].context_window == 0);

  const auto& ab = routes.at("ab");
  CHECK(ab.strategy == "weighted");
  REQUIRE(ab.targets.size() == 2);
  CHECK(ab.targets[0].weight == 3.0);
  CHECK(ab.targets[1].weight == 0.5);
  CHECK(ab.targets[1].provider == "claude");

  CHECK(routes.at("learn").strategy == "score");
  CHECK(routes.at("learn").exploration == 0.2);
  CHECK(routes.at("plain").strategy == "fallback");
  CHECK(routes.at("plain").targets.at(0).weight == 1.0);
}

TEST_CASE_METHOD(models_fixture, "the implicit local provider and default route",
                 "[models]") {
  SECTION("without a models section") {
    const auto& spec = loaded(load(with_models("{}")));
    CHECK(spec.models.providers.at("local").type == "local");
    const auto& route = spec.models.routes.at("default");
    REQUIRE(route.targets.size() == 1);
    CHECK(route.targets[0].provider == "local");
    CHECK(route.targets[0].model == "extractive-v1");
    CHECK(spec.find_agent("refine")->route == "default");
  }
  SECTION("a default of its own replaces it") {
    const auto& spec = loaded(load(with_models(R"({
      "providers": {"llama": {"type": "openai", "base_url": "http://127.0.0.1:8080/v1"}},
      "routes": {"default": {"provider": "llama", "model": "qwen2.5"}}})")));
    CHECK(spec.models.routes.at("default").targets.at(0).provider == "llama");
    CHECK(spec.models.providers.count("local") == 1);
  }
}

TEST_CASE_METHOD(models_fixture, "policies are read, defaults kept for what is not given",
                 "[models]") {
  const auto& spec = loaded(load(with_models(R"({
    "retry": {"max_retries": 0, "base_delay_ms": 100},
    "breaker": {"failure_threshold": 2, "cooldown_seconds": 0.5},
    "cache": {"enabled": false, "ttl_seconds": 60, "max_entries": 5}
  })")));
  const auto& models = spec.models;
  CHECK(models.retry.max_retries == 0);
  CHECK(models.retry.base_delay == std::chrono::milliseconds{100});
  CHECK(models.retry.max_delay == retry_spec{}.max_delay);
  CHECK(models.breaker.failure_threshold == 2);
  CHECK(models.breaker.cooldown == std::chrono::milliseconds{500});
  CHECK_FALSE(models.cache.enabled);
  CHECK(models.cache.ttl == std::chrono::seconds{60});
  CHECK(models.cache.max_entries == 5);
  CHECK(models.cache.path.empty()); // memory only
}

TEST_CASE_METHOD(models_fixture, "file paths resolve against the file's folder and ~",
                 "[models]") {
  const char* home = std::getenv("HOME");
  REQUIRE(home != nullptr);
  write("prices/table.json", R"({"prices": {}})");
  auto cache_path = [&](const std::string& path) {
    return loaded(load(with_models(R"({"cache": {"path": ")" + path + "\"}}")))
        .models.cache.path;
  };
  auto base = fs::path{dir.str()}.lexically_normal();
  CHECK(cache_path("cache/r.sqlite") == (base / "cache/r.sqlite").string());
  CHECK(cache_path("~/.cache/troupe/r.sqlite") ==
        (fs::path{home} / ".cache/troupe/r.sqlite").lexically_normal().string());
  CHECK(cache_path("/var/tmp/r.sqlite") == "/var/tmp/r.sqlite");

  const auto& spec =
      loaded(load(with_models(R"({"pricing": {"file": "prices/table.json"}})")));
  CHECK(spec.models.pricing_file == (base / "prices/table.json").string());
}

TEST_CASE_METHOD(models_fixture, "inline prices, for any provider too", "[models]") {
  const auto& spec = loaded(load(with_models(R"({
    "providers": {"openai": {"type": "openai", "base_url": "https://api.openai.com/v1"}},
    "pricing": {"prices": {"openai/gpt-4o": {"input": 2.5, "output": 10},
                           "*/llama3.1:8b": {"input": 0, "output": 0},
                           "openai/ft:gpt-4o/acme": {"input": 3, "output": 12}}}
  })")));
  const auto& prices = spec.models.prices;
  REQUIRE(prices.size() == 3);
  CHECK(prices.at("openai/gpt-4o").input_per_mtok == 2.5);
  CHECK(prices.at("openai/gpt-4o").output_per_mtok == 10);
  CHECK(prices.at("*/llama3.1:8b").output_per_mtok == 0);
  CHECK(prices.at("openai/ft:gpt-4o/acme").input_per_mtok == 3);
  CHECK(spec.models.pricing_file.empty()); // the shipped table
}

TEST_CASE_METHOD(models_fixture, "budget caps per run, agent and provider", "[models]") {
  const auto& spec = loaded(load(with_models(
      R"({"providers": {"openai": {"type": "openai", "base_url": "https://x.test/v1"}}})",
      R"(,
  "budget": {"run": {"usd": 0.50, "tokens": 200000, "calls": 100},
             "agents": {"refine": {"usd": 0}},
             "providers": {"openai": {"usd": 0.40}, "local": {"calls": 7}}})")));
  const auto& budget = spec.budget;
  CHECK(budget.run.usd == 0.5);
  CHECK(budget.run.tokens == 200000);
  CHECK(budget.run.calls == 100);
  CHECK(budget.agents.at("refine").usd == 0.0); // 0 is a cap: no paid calls
  CHECK_FALSE(budget.agents.at("refine").tokens);
  CHECK(budget.providers.at("openai").usd == 0.4);
  CHECK(budget.providers.at("local").calls == 7);
}

TEST_CASE_METHOD(models_fixture, "without a budget section nothing is capped",
                 "[models]") {
  const auto& spec = loaded(load(with_models("{}")));
  CHECK(spec.budget.run.empty());
  CHECK(spec.budget.agents.empty());
  CHECK(spec.budget.providers.empty());
}

// ---------------------------------------------------------------------------
// Malformed providers. `with_models` puts the section at line 5, column 13.

TEST_CASE_METHOD(models_fixture, "malformed: unknown provider type", "[models]") {
  only_error(load(with_models(R"({"providers": {"o": {"type": "opneai"}}})")), 5, 42,
             "unknown provider type 'opneai'",
             "did you mean 'openai'? provider types: anthropic, local, openai; openai "
             "also serves OpenAI-compatible servers such as llama.cpp, Ollama and vLLM");
}

TEST_CASE_METHOD(models_fixture, "malformed: provider without a type", "[models]") {
  only_error(load(with_models(R"({"providers": {"o": {"base_url": "http://h/v1"}}})")), 5,
             33, "provider 'o' has no \"type\"",
             "add \"type\": one of anthropic, local, openai (openai also for "
             "OpenAI-compatible servers)");
}

TEST_CASE_METHOD(models_fixture, "malformed: openai provider without base_url",
                 "[models]") {
  only_error(load(with_models(R"({"providers": {"o": {"type": "openai"}}})")), 5, 33,
             "provider 'o' (type openai) has no \"base_url\"",
             "add \"base_url\": \"https://api.openai.com/v1\" for OpenAI, or your "
             "server's address, e.g. \"http://127.0.0.1:8080/v1\"");
}

TEST_CASE_METHOD(models_fixture, "malformed: base_url that is no http URL", "[models]") {
  only_error(load(with_models(
                 R"({"providers": {"o": {"type": "anthropic", "base_url": "api.x"}}})")),
             5, 67,
             "base_url of provider 'o' must be an http:// or https:// URL, not 'api.x'",
             "e.g. \"https://api.openai.com/v1\"");
}

TEST_CASE_METHOD(models_fixture, "malformed: an API key written into the file",
                 "[models]") {
  only_error(
      load(with_models(
          R"({"providers": {"o": {"type": "anthropic", "api_key": "sk-ant-123"}}})")),
      5, 55,
      "provider 'o' has \"api_key\": API keys must not be written into "
      "configuration files",
      "put the key in an environment variable and name the variable instead: "
      "\"api_key_env\": \"O_API_KEY\"");
}

TEST_CASE_METHOD(models_fixture, "malformed: api_key_env holding a key", "[models]") {
  SECTION("an sk- key, never repeated in the message") {
    auto result = load(with_models(
        R"({"providers": {"o": {"type": "anthropic", "api_key_env": "sk-ant-api03-abc"}}})"));
    only_error(result, 5, 70,
               "api_key_env of provider 'o' looks like an API key, not the name of an "
               "environment variable",
               "put the key in an environment variable and name the variable instead: "
               "\"api_key_env\": \"O_API_KEY\"; remove the key from this file and "
               "revoke it if the file was shared");
    CHECK_THAT(result.errors.at(0).to_string(), !Catch::Contains("abc"));
  }
  SECTION("a long token without '_'") {
    auto result = load(with_models(
        R"({"providers": {"o": {"type": "openai", "base_url": "http://h/v1", )"
        R"("api_key_env": "gsk8f7a6d5s4a3d2f1g0h9j8k7l6m5n4b3v2c1x0z9"}}})"));
    REQUIRE(result.errors.size() == 1);
    CHECK_THAT(result.errors[0].message, Catch::Contains("looks like an API key"));
    CHECK_THAT(result.errors[0].hint, Catch::Contains("\"O_API_KEY\""));
  }
}

TEST_CASE_METHOD(models_fixture, "malformed: credentials in a header", "[models]") {
  only_error(load(with_models(R"({"providers": {"o": {"type": "anthropic", )"
                              R"("headers": {"Authorization": "Bearer x"}}}})")),
             5, 67,
             "header 'Authorization' of provider 'o' would write a key into the file",
             "put the key in an environment variable and name the variable instead: "
             "\"api_key_env\": \"O_API_KEY\"; the provider sends it in this header");
}

TEST_CASE_METHOD(models_fixture, "malformed: a key the local provider does not take",
                 "[models]") {
  only_error(
      load(with_models(
          R"({"providers": {"mine": {"type": "local", "base_url": "http://h/v1"}}})")),
      5, 54, "\"base_url\" does not apply to provider 'mine' of type local",
      "the local provider is the built-in offline model and takes only \"type\"; "
      "for a local server (llama.cpp, Ollama, vLLM) use \"type\": \"openai\" with "
      "its \"base_url\"");
}

TEST_CASE_METHOD(models_fixture, "malformed: the name local for another type",
                 "[models]") {
  only_error(
      load(with_models(
          R"({"providers": {"local": {"type": "openai", "base_url": "http://h/v1"}}})")),
      5, 46,
      "provider 'local' must have type local: the name is kept for the built-in offline "
      "model",
      "give this provider another name, e.g. \"local_server\"");
}

TEST_CASE_METHOD(models_fixture, "malformed: unknown key in a provider", "[models]") {
  only_error(
      load(with_models(R"({"providers": {"o": {"type": "anthropic", "timeout": 5}}})")),
      5, 55, "unknown key 'timeout' in models.providers.o",
      "did you mean 'timeout_seconds'? allowed keys: type, base_url, api_key_env, "
      "headers, anthropic_version, timeout_seconds, max_response_mb, "
      "requests_per_minute, tokens_per_minute, when_limited, max_queue_wait_seconds");
}

TEST_CASE_METHOD(models_fixture, "malformed: when_limited neither wait nor next",
                 "[models]") {
  only_error(
      load(with_models(
          R"({"providers": {"o": {"type": "anthropic", "when_limited": "wiat"}}})")),
      5, 71, "when_limited of provider 'o' must be \"wait\" or \"next\", not 'wiat'",
      "did you mean 'wait'? choices: next, wait");
}

TEST_CASE_METHOD(models_fixture, "malformed: zero requests per minute", "[models]") {
  only_error(
      load(with_models(
          R"({"providers": {"o": {"type": "anthropic", "requests_per_minute": 0}}})")),
      5, 78, "models.providers.o.requests_per_minute must be from 1 to 1000000000, not 0",
      "e.g. \"requests_per_minute\": 500");
}

// ---------------------------------------------------------------------------
// Malformed routes

TEST_CASE_METHOD(models_fixture, "malformed: unknown strategy", "[models]") {
  only_error(load(with_models(
                 R"({"routes": {"r": {"strategy": "fallbak", )"
                 R"("targets": [{"provider": "local", "model": "extractive-v1"}]}}})")),
             5, 43, "unknown route strategy 'fallbak'",
             "did you mean 'fallback'? strategies: cheapest, fallback, score, weighted");
}

TEST_CASE_METHOD(models_fixture, "malformed: route with empty targets", "[models]") {
  only_error(load(with_models(R"({"routes": {"r": {"targets": []}}})")), 5, 42,
             "route 'r' has no targets",
             "list at least one, e.g. [{\"provider\": \"local\", \"model\": "
             "\"extractive-v1\"}]");
}

TEST_CASE_METHOD(models_fixture, "malformed: route with neither targets nor provider",
                 "[models]") {
  only_error(
      load(with_models(R"({"routes": {"r": {"strategy": "weighted"}}})")), 5, 30,
      "route 'r' has no \"targets\"",
      "add \"targets\": [{\"provider\": \"local\", \"model\": \"extractive-v1\"}], "
      "or write one target as the route: {\"provider\": ..., \"model\": ...}");
}

TEST_CASE_METHOD(models_fixture, "malformed: target naming an unknown provider",
                 "[models]") {
  only_error(
      load(with_models(
          R"({"providers": {"openai": {"type": "openai", "base_url": "http://h/v1"}},)"
          R"( "routes": {"r": {"provider": "opnai", "model": "gpt-4o"}}})")),
      5, 115, "route 'r' names provider 'opnai', which is not declared",
      "did you mean 'openai'? declared providers: openai, local");
}

TEST_CASE_METHOD(models_fixture, "malformed: target weight 0", "[models]") {
  only_error(load(with_models(
                 R"({"routes": {"r": {"strategy": "weighted", "targets": [)"
                 R"({"provider": "local", "model": "extractive-v1", "weight": 0}]}}})")),
             5, 125,
             "models.routes.r.targets[0].weight must be more than 0 and at most "
             "1000000, not 0",
             "e.g. \"weight\": 3");
}

TEST_CASE_METHOD(models_fixture, "malformed: weight on a fallback route", "[models]") {
  only_error(load(with_models(
                 R"({"routes": {"r": {"targets": [)"
                 R"({"provider": "local", "model": "extractive-v1", "weight": 2}]}}})")),
             5, 91, "a weight does nothing on route 'r', whose strategy is fallback",
             "add \"strategy\": \"weighted\" to the route, or remove the weight");
}

TEST_CASE_METHOD(models_fixture, "malformed: negative context window", "[models]") {
  only_error(load(with_models(R"({"routes": {"r": {"provider": "local", )"
                              R"("model": "extractive-v1", "context_window": -1}}})")),
             5, 96, "models.routes.r.context_window must be from 0 to 1000000000, not -1",
             "e.g. \"context_window\": 128000");
}

TEST_CASE_METHOD(models_fixture, "malformed: a model the local provider lacks",
                 "[models]") {
  only_error(
      load(with_models(R"({"routes": {"r": {"provider": "local", "model": "gpt-4o"}}})")),
      5, 61, "the local provider has no model 'gpt-4o'",
      "its one model is \"extractive-v1\"");
}

// ---------------------------------------------------------------------------
// Malformed policies

TEST_CASE_METHOD(models_fixture, "malformed: unknown key in models", "[models]") {
  only_error(load(with_models(R"({"route": {}})")), 5, 14,
             "unknown key 'route' in models",
             "did you mean 'routes'? allowed keys: providers, routes, retry, breaker, "
             "cache, pricing");
}

TEST_CASE_METHOD(models_fixture, "malformed: negative retries", "[models]") {
  only_error(load(with_models(R"({"retry": {"max_retries": -1}})")), 5, 39,
             "models.retry.max_retries must be from 0 to 10, not -1",
             "e.g. \"max_retries\": 2");
}

TEST_CASE_METHOD(models_fixture, "malformed: unknown key in retry", "[models]") {
  only_error(load(with_models(R"({"retry": {"max_retry": 3}})")), 5, 24,
             "unknown key 'max_retry' in models.retry",
             "did you mean 'max_retries'? allowed keys: max_retries, base_delay_ms, "
             "max_delay_ms");
}

TEST_CASE_METHOD(models_fixture, "malformed: max delay below base delay", "[models]") {
  only_error(
      load(with_models(R"({"retry": {"base_delay_ms": 500, "max_delay_ms": 100}})")), 5,
      62, "models.retry.max_delay_ms (100) is less than base_delay_ms (500)",
      "the delay doubles from base_delay_ms up to max_delay_ms; make max_delay_ms "
      "at least base_delay_ms");
}

TEST_CASE_METHOD(models_fixture, "malformed: zero breaker threshold", "[models]") {
  only_error(load(with_models(R"({"breaker": {"failure_threshold": 0}})")), 5, 47,
             "models.breaker.failure_threshold must be from 1 to 1000, not 0",
             "e.g. \"failure_threshold\": 5");
}

TEST_CASE_METHOD(models_fixture, "malformed: cache switch that is not a boolean",
                 "[models]") {
  only_error(load(with_models(R"({"cache": {"enabled": "yes"}})")), 5, 35,
             "models.cache.enabled must be true or false, not \"yes\"");
}

TEST_CASE_METHOD(models_fixture, "malformed: missing pricing file", "[models]") {
  auto base = fs::path{dir.str()}.lexically_normal().string();
  only_error(load(with_models(R"({"pricing": {"file": "prices.json"}})")), 5, 34,
             "pricing file '" + base + "/prices.json' does not exist",
             "relative paths are resolved against the file's folder " + base);
}

TEST_CASE_METHOD(models_fixture, "malformed: price key without a model", "[models]") {
  only_error(load(with_models(
                 R"({"pricing": {"prices": {"gpt-4o": {"input": 1, "output": 2}}}})")),
             5, 37, "price 'gpt-4o' does not name \"provider/model\"",
             "e.g. \"openai/gpt-4o\", or \"*/gpt-4o\" for any provider");
}

TEST_CASE_METHOD(models_fixture, "malformed: price without output", "[models]") {
  only_error(load(with_models(
                 R"({"pricing": {"prices": {"local/extractive-v1": {"input": 0}}}})")),
             5, 60, "price 'local/extractive-v1' has no \"output\"",
             "give both, in USD per million tokens: {\"input\": 2.5, \"output\": 10}");
}

// ---------------------------------------------------------------------------
// Malformed budgets. `with_budget` puts the section at line 5, column 13.

TEST_CASE_METHOD(models_fixture, "malformed: budget for an agent not in the scenario",
                 "[models]") {
  only_error(load(with_budget(R"({"agents": {"refin": {"usd": 1}}})")), 5, 25,
             "budget for agent 'refin', which is not declared",
             "did you mean 'refine'? declared agents: refine");
}

TEST_CASE_METHOD(models_fixture, "malformed: budget for an unknown provider",
                 "[models]") {
  only_error(load(with_budget(R"({"providers": {"openai": {"usd": 1}}})")), 5, 28,
             "budget for provider 'openai', which is not declared",
             "declared providers: local");
}

TEST_CASE_METHOD(models_fixture, "malformed: negative usd", "[models]") {
  only_error(load(with_budget(R"({"run": {"usd": -0.5}})")), 5, 29,
             "budget.run.usd must be from 0 to 1000000000, not -0.5",
             "an amount in US dollars, e.g. \"usd\": 0.50");
}

TEST_CASE_METHOD(models_fixture, "malformed: tokens not an integer", "[models]") {
  auto result = load(with_budget(R"({"run": {"tokens": 1.5}})"));
  log_errors(result.errors);
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].line == 5);
  CHECK(result.errors[0].column == 32);
  // How the number is spelled after "not" is up to the shared integer check.
  CHECK_THAT(result.errors[0].message,
             Catch::StartsWith("budget.run.tokens must be a whole number, not 1.5"));
}

TEST_CASE_METHOD(models_fixture, "malformed: zero calls", "[models]") {
  only_error(load(with_budget(R"({"agents": {"refine": {"calls": 0}}})")), 5, 45,
             "budget.agents.refine.calls must be a whole number from 1 to "
             "1000000000000000, not 0",
             "e.g. \"calls\": 100; leave the cap out for no limit");
}

TEST_CASE_METHOD(models_fixture, "malformed: agent route missing after the merge",
                 "[models]") {
  auto extra = scenario_loader::load_providers_text(
      R"({"routes": {"smart": {"provider": "local", "model": "extractive-v1"}}})",
      "providers.json", dir.str());
  log_errors(extra.errors);
  REQUIRE(extra.spec);
  auto text = with_models("{}");
  auto agent = text.find("\"type\": \"ask\"");
  text.insert(agent, "\"route\": \"smrat\", ");
  only_error(load(text, &*extra.spec), 3, 34,
             "agent 'refine' uses route 'smrat', which is not declared",
             "did you mean 'smart'? declared routes: default, smart; declare it under "
             "models.routes or in a --providers file");
}

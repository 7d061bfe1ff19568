// The research assistant end to end on fake remote providers: OpenAI and
// Anthropic wire formats over real HTTP on 127.0.0.1, failover from a
// broken endpoint, the --base-url override falling back to the offline
// model, budget caps, and keys that never reach the trace.

#include "agents/builtin_agents.hpp"
#include "runtime/model/config/endpoint_override.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/fake_http_server.hpp"
#include "support/provider_bodies.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"
#include "tools/builtin_tools.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

using namespace troupe;

namespace {

constexpr const char* secret_key = "sk-test-0123456789-do-not-log";

/// What a capable model would answer to each of the scenario's prompts.
std::string canned_answer(const std::string& prompt) {
  if (prompt.find("Summarize the source") != std::string::npos)
    return R"({"findings": ["Remote finding: batteries shift energy in time."]})";
  if (prompt.find("Analyze the summaries") != std::string::npos)
    return R"({"trends": [{"term": "storage", "sources": []}],
               "key_points": [{"text": "Batteries shift energy in time.", "source": ""}],
               "gaps": []})";
  if (prompt.find("Check each claim") != std::string::npos)
    return R"({"summary": "Remote summary: batteries trade cost for flexibility.",
               "claims": [], "gaps": [], "followup_query": ""})";
  return R"({"error": "unexpected prompt"})";
}

/// The text of every message of an OpenAI or Anthropic request body.
std::string prompt_of(const test::recorded_request& request) {
  auto body = boost::json::parse(request.body).as_object();
  std::string text;
  if (const auto* system = body.if_contains("system"))
    text += system->as_string().c_str();
  for (const auto& m : body.at("messages").as_array())
    text += m.at("content").as_string().c_str();
  return text;
}

void answer_as_openai(test::fake_http_server& server) {
  server.set_default([](const test::recorded_request& r) {
    // About four bytes a token, as real tokenizers count English.
    auto prompt = prompt_of(r);
    return test::fake_reply::json(test::openai_chat_body(
        canned_answer(prompt), static_cast<int>(prompt.size() / 4), 40));
  });
}

void answer_as_anthropic(test::fake_http_server& server) {
  server.set_default([](const test::recorded_request& r) {
    return test::fake_reply::json(
        test::anthropic_message_body(canned_answer(prompt_of(r)), 100, 40));
  });
}

void always_down(test::fake_http_server& server) {
  server.set_default([](const test::recorded_request&) {
    return test::fake_reply::json(
        test::openai_error_body("server_error", "overloaded", "The server is overloaded"),
        503);
  });
}

struct remote_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  test::test_system ts;

  remote_fixture() {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
    setenv("XDG_CACHE_HOME", tmp.file("cache").c_str(), 1);
    setenv("TROUPE_E2E_KEY", secret_key, 1);
  }

  scenario_spec load(const std::string& providers_json) {
    auto providers = tmp.file("providers.json");
    std::ofstream{providers} << providers_json;
    scenario_loader loader{agents, tools};
    auto result = loader.load_file(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json",
                                   providers);
    for (const auto& e : result.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(result.spec);
    return std::move(*result.spec);
  }

  run_report run(const scenario_spec& spec) {
    run_options opts;
    opts.out_dir = tmp.file("run");
    auto report = execute_run(ts.sys, spec, agents, tools, opts);
    REQUIRE(report);
    return std::move(*report);
  }
};

std::string openai_provider(const std::string& name, const std::string& url) {
  return "\"" + name + "\": {\"type\": \"openai\", \"base_url\": \"" + url +
         "/v1\", \"api_key_env\": \"TROUPE_E2E_KEY\", \"timeout_seconds\": 5}";
}

/// A providers file with a route from `primary` to `secondary`; `more`
/// adds keys to the top level.
std::string two_servers(const test::fake_http_server& primary,
                        const test::fake_http_server& secondary,
                        const std::string& more = {}) {
  return "{\"providers\": {" + openai_provider("primary", primary.base_url()) + ", " +
         openai_provider("secondary", secondary.base_url()) +
         "}, \"routes\": {\"default\": {\"targets\": ["
         "{\"provider\": \"primary\", \"model\": \"gpt-4o-mini\"},"
         "{\"provider\": \"secondary\", \"model\": \"gpt-4o-mini\"}]}}" +
         more + "}";
}

size_t count_status(const std::vector<boost::json::object>& events,
                    const std::string& kind, const std::string& status) {
  size_t n = 0;
  for (const auto& e : events)
    if (e.at("kind").as_string() == kind.c_str() &&
        e.at("status").as_string() == status.c_str())
      ++n;
  return n;
}

} // namespace

TEST_CASE_METHOD(remote_fixture,
                 "the research assistant fails over between OpenAI-compatible servers",
                 "[e2e][remote]") {
  test::fake_http_server primary;
  test::fake_http_server secondary;
  always_down(primary);
  answer_as_openai(secondary);
  auto spec = load(two_servers(primary, secondary,
                               ", \"retry\": {\"max_retries\": 1, \"base_delay_ms\": 1, "
                               "\"max_delay_ms\": 5}, \"cache\": {\"enabled\": false}"));
  auto report = run(spec);
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  auto md = test::slurp(report.report_path);
  CHECK(md.find("Remote summary") != std::string::npos);

  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "model_call") >= 3);
  CHECK(count_status(events, "model_call", "ok") ==
        test::count_kind(events, "model_call"));
  CHECK(test::count_kind(events, "failover") >= 1);
  CHECK(count_status(events, "model_attempt", "server_error") >= 2);
  REQUIRE(secondary.request_count() >= 3);
  CHECK(secondary.requests().front().header("authorization") ==
        std::string{"Bearer "} + secret_key);
  CHECK(secondary.requests().front().path == "/v1/chat/completions");
  // The key went over the wire, and never into the trace or the report.
  CHECK(test::slurp(report.trace_path).find(secret_key) == std::string::npos);
  CHECK(md.find(secret_key) == std::string::npos);
}

TEST_CASE_METHOD(remote_fixture,
                 "the research assistant runs on an Anthropic-shaped provider",
                 "[e2e][remote]") {
  test::fake_http_server server;
  answer_as_anthropic(server);
  auto spec =
      load("{\"providers\": {\"claude\": {\"type\": \"anthropic\", \"base_url\": \"" +
           server.base_url() +
           "/v1\", \"api_key_env\": \"TROUPE_E2E_KEY\"}},"
           "\"routes\": {\"default\": {\"targets\": ["
           "{\"provider\": \"claude\", \"model\": \"claude-3-5-haiku-latest\"}]}}}");
  auto report = run(spec);
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  CHECK(test::slurp(report.report_path).find("Remote summary") != std::string::npos);
  REQUIRE(server.request_count() >= 3);
  auto first = server.requests().front();
  CHECK(first.path == "/v1/messages");
  CHECK(first.header("x-api-key") == secret_key);
  CHECK(!first.header("anthropic-version").empty());
  auto events = test::read_trace(report.trace_path);
  double cost = 0;
  for (const auto& e : events)
    cost += e.at("cost_usd").to_number<double>();
  CHECK(cost > 0); // priced from the shipped table
}

TEST_CASE_METHOD(remote_fixture,
                 "a dead --base-url endpoint still lets the run finish offline",
                 "[e2e][remote]") {
  scenario_loader loader{agents, tools};
  auto result = loader.load_file(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json");
  REQUIRE(result.spec);
  auto spec = std::move(*result.spec);
  // Nothing listens on port 1: every connection is refused at once.
  apply_endpoint_override(spec.models, {"http://127.0.0.1:1/v1", "llama3.1:8b", ""});
  spec.models.retry.base_delay = std::chrono::milliseconds{1};
  spec.models.retry.max_delay = std::chrono::milliseconds{5};
  auto report = run(spec);
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  auto events = test::read_trace(report.trace_path);
  CHECK(count_status(events, "model_attempt", "connection_failed") >= 1);
  for (const auto& e : events)
    if (e.at("kind") == "model_call")
      CHECK(e.at("to") == "local");
}

TEST_CASE_METHOD(remote_fixture, "a run stops at its budget cap and never spends past it",
                 "[e2e][remote][budget]") {
  test::fake_http_server server;
  answer_as_openai(server);
  // gpt-4o at list price; a cap far below what the run needs.
  auto spec = load("{\"providers\": {" + openai_provider("openai", server.base_url()) +
                   "}, \"routes\": {\"default\": {\"targets\": ["
                   "{\"provider\": \"openai\", \"model\": \"gpt-4o\"}]}},"
                   "\"budget\": {\"run\": {\"usd\": 0.02}}}");
  auto report = run(spec);
  CHECK(report.outcome.status == "budget_exceeded");
  CHECK_THAT(report.outcome.error, Catch::Contains("usd cap"));
  // The report says why the run stopped and keeps what was done.
  auto md = test::slurp(report.report_path);
  CHECK_THAT(md, Catch::Contains("budget_exceeded"));
  CHECK_THAT(md, Catch::Contains("search"));
  auto events = test::read_trace(report.trace_path);
  double spent = 0;
  for (const auto& e : events)
    spent += e.at("cost_usd").to_number<double>();
  CHECK(spent > 0);
  CHECK(spent <= 0.02);
  CHECK(test::count_kind(events, "budget_refused") >= 1);
}

TEST_CASE_METHOD(remote_fixture, "a refused key fails over and the trace says which key",
                 "[e2e][remote]") {
  test::fake_http_server primary;
  test::fake_http_server secondary;
  primary.set_default([](const test::recorded_request&) {
    return test::fake_reply::json(
        test::openai_error_body("invalid_request_error", "invalid_api_key",
                                "Incorrect API key provided: sk-test-0123"),
        401);
  });
  answer_as_openai(secondary);
  auto spec = load(two_servers(primary, secondary));
  auto report = run(spec);
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  auto events = test::read_trace(report.trace_path);
  size_t refused = 0;
  for (const auto& e : events) {
    if (e.at("kind") != "model_attempt" || e.at("status") != "auth_failed")
      continue;
    ++refused;
    const auto& attrs = e.at("attributes");
    CHECK(attrs.at("http.response.status_code") == 401);
    CHECK_THAT(std::string{attrs.at("error.message").as_string().c_str()},
               Catch::Contains("TROUPE_E2E_KEY") && Catch::Contains("refused"));
  }
  CHECK(refused >= 1);
  // Auth failures are not retried: one try per call at most.
  CHECK(primary.request_count() <=
        static_cast<size_t>(test::count_kind(events, "model_call")));
  CHECK(test::slurp(report.trace_path).find("sk-test-0123") == std::string::npos);
}

TEST_CASE_METHOD(remote_fixture,
                 "a runaway loop stops at the budget cap, not before its money is gone",
                 "[e2e][remote][budget]") {
  // A model that always finds a gap and always asks for a new search: the
  // scenario's loop bound is raised far out of the way and the cache is
  // off (so every round pays), so only the budget can stop the run.
  test::fake_http_server server;
  auto rounds = std::make_shared<std::atomic<int>>(0);
  server.set_default([rounds](const test::recorded_request& r) {
    auto prompt = prompt_of(r);
    auto answer = canned_answer(prompt);
    if (prompt.find("Check each claim") != std::string::npos)
      answer = R"({"summary": "Still missing something.", "claims": [],
                   "gaps": ["everything else"], "followup_query": "storage round )" +
               std::to_string(++*rounds) + R"("})";
    return test::fake_reply::json(
        test::openai_chat_body(answer, static_cast<int>(prompt.size() / 4), 40));
  });
  auto text = test::slurp(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json");
  auto raise = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  raise(R"("max_rounds": 2)", R"("max_rounds": 10)");
  raise(R"("max_steps": 40)", R"("max_steps": 200)");
  auto providers = scenario_loader::load_providers_text(
      "{\"providers\": {" + openai_provider("openai", server.base_url()) +
          "}, \"routes\": {\"default\": {\"targets\": ["
          "{\"provider\": \"openai\", \"model\": \"gpt-4o\"}]}},"
          "\"cache\": {\"enabled\": false},"
          "\"budget\": {\"run\": {\"usd\": 0.10}}}",
      "providers.json", tmp.str());
  REQUIRE(providers.spec);
  scenario_loader loader{agents, tools};
  auto loaded = loader.load_text(text, "runaway.json", TROUPE_SOURCE_DIR "/scenarios",
                                 &*providers.spec);
  for (const auto& e : loaded.errors)
    UNSCOPED_INFO(e.to_string());
  REQUIRE(loaded.spec);
  auto report = run(*loaded.spec);
  CHECK(report.outcome.status == "budget_exceeded");
  CHECK(*rounds >= 2); // it looped before the money ran out
  auto events = test::read_trace(report.trace_path);
  double spent = 0;
  for (const auto& e : events)
    spent += e.at("cost_usd").to_number<double>();
  CHECK(spent > 0.05);  // most of the cap was used...
  CHECK(spent <= 0.10); // ...and never more
  CHECK(test::count_kind(events, "loop_back") >= 1);
}

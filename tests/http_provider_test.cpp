#include "runtime/model/provider/http_provider.hpp"
#include "support/fake_http_server.hpp"
#include "support/provider_bodies.hpp"
#include "support/provider_fixture.hpp"

#include <boost/json.hpp>
#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <set>
#include <vector>

using namespace troupe;
using namespace std::chrono_literals;
using test::anthropic_spec;
using test::chat_request;
using test::fake_http_server;
using test::fake_reply;
using test::openai_spec;
using test::provider_fixture;

namespace {

using steady = std::chrono::steady_clock;

/// The variable `name` holds `value` for the rest of the test binary; each
/// test uses its own name.
void set_key(const char* name, const char* value) {
  ::setenv(name, value, 1);
}

} // namespace

TEST_CASE("an openai provider sends the request and parses the answer",
          "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_1", "sk-test-one");
  f.server.push(fake_reply::json(
      test::openai_chat_body("A short summary.", 42, 7, "length", "gpt-4o-mini-2024")));
  auto provider = f.spawn(openai_spec(f.server, "TROUPE_TEST_KEY_1"));
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.error.empty());
  CHECK(result.http_status == 200);
  CHECK(result.text == "A short summary.");
  CHECK(result.input_tokens == 42);
  CHECK(result.output_tokens == 7);
  CHECK(result.finish_reason == "length");
  CHECK(result.response_model == "gpt-4o-mini-2024");
  CHECK(result.latency_us > 0);
  auto seen = f.server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].method == "POST");
  CHECK(seen[0].path == "/v1/chat/completions");
  CHECK(seen[0].header("Authorization") == "Bearer sk-test-one");
  auto body = boost::json::parse(seen[0].body);
  CHECK(body.at("model") == "gpt-4o-mini");
  CHECK(body.at("messages").at(1).at("content") == "Summarize this.");
}

TEST_CASE("an openai provider without a key variable sends no key", "[http_provider]") {
  provider_fixture f;
  f.server.push(fake_reply::json(test::openai_chat_body("local answer", 3, 2)));
  auto provider = f.spawn(openai_spec(f.server, ""));
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.text == "local answer");
  REQUIRE(f.server.request_count() == 1);
  CHECK(f.server.requests()[0].header("Authorization").empty());
}

TEST_CASE("an anthropic provider sends its headers and parses the answer",
          "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_2", "sk-ant-two");
  f.server.push(fake_reply::json(test::anthropic_message_body(
      "Claude says hi.", 30, 5, "end_turn", "claude-test-1")));
  auto spec = anthropic_spec(f.server, "TROUPE_TEST_KEY_2");
  spec.headers = {{"anthropic-beta", "test-feature"}};
  auto provider = f.spawn(spec);
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.text == "Claude says hi.");
  CHECK(result.input_tokens == 30);
  CHECK(result.output_tokens == 5);
  CHECK(result.finish_reason == "stop");
  CHECK(result.response_model == "claude-test-1");
  auto seen = f.server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].path == "/v1/messages");
  CHECK(seen[0].header("x-api-key") == "sk-ant-two");
  CHECK(seen[0].header("anthropic-version") == "2023-06-01");
  CHECK(seen[0].header("anthropic-beta") == "test-feature");
  CHECK(seen[0].header("Authorization").empty());
  CHECK(boost::json::parse(seen[0].body).at("system") == "You summarize.");
}

TEST_CASE("a 429 with Retry-After is rate_limited", "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_3", "sk-test-three");
  auto limited = fake_reply::json(
      test::openai_error_body("requests", "rate_limit_exceeded", "Rate limit reached"),
      429);
  limited.headers = {{"Retry-After", "2"}};
  f.server.push(limited);
  auto provider = f.spawn(openai_spec(f.server, "TROUPE_TEST_KEY_3"));
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::rate_limited);
  CHECK(result.http_status == 429);
  CHECK(result.retry_after_ms == 2000);
  CHECK_THAT(result.error, Catch::Contains("Rate limit reached"));
}

TEST_CASE("a 500 is server_error", "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_4", "sk-test-four");
  f.server.push(fake_reply::json(
      test::anthropic_error_body("api_error", "Internal server error"), 500));
  auto provider = f.spawn(anthropic_spec(f.server, "TROUPE_TEST_KEY_4"));
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::server_error);
  CHECK(result.http_status == 500);
  CHECK(result.error == "anthropic 500 api_error: Internal server error");
}

TEST_CASE("a provider that never answers times out after spec.timeout",
          "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_5", "sk-test-five");
  f.server.push(fake_reply::failing(fake_reply::fault::hang));
  auto spec = openai_spec(f.server, "TROUPE_TEST_KEY_5");
  spec.timeout = 200ms;
  auto provider = f.spawn(spec);
  auto started = steady::now();
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::timeout);
  CHECK(steady::now() - started >= 200ms);
  CHECK(steady::now() - started < 2s);
  CHECK(result.latency_us >= 200000);
}

TEST_CASE("a reply that is not HTTP is connection_failed", "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_7", "sk-test-seven");
  f.server.push(fake_reply::failing(fake_reply::fault::garbage));
  auto provider = f.spawn(openai_spec(f.server, "TROUPE_TEST_KEY_7"));
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::connection_failed);
  CHECK_THAT(result.error, Catch::StartsWith("openai transport error"));
}

TEST_CASE("a missing key variable is auth_failed without a request", "[http_provider]") {
  provider_fixture f;
  ::unsetenv("TROUPE_TEST_KEY_UNSET");
  set_key("TROUPE_TEST_KEY_EMPTY", "");
  for (const auto* variable : {"TROUPE_TEST_KEY_UNSET", "TROUPE_TEST_KEY_EMPTY"}) {
    auto provider = f.spawn(openai_spec(f.server, variable));
    auto result = f.ask(provider, chat_request());
    CHECK(result.outcome == attempt_outcome::auth_failed);
    CHECK(result.error == "environment variable " + std::string{variable} +
                              " is not set: export it, or change api_key_env of "
                              "provider 'openai'");
  }
  CHECK(f.server.request_count() == 0);
}

TEST_CASE("the key is read once, when the provider starts", "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_8", "sk-first");
  f.server.push(fake_reply::json(test::openai_chat_body("one", 1, 1)));
  f.server.push(fake_reply::json(test::openai_chat_body("two", 1, 1)));
  auto provider = f.spawn(openai_spec(f.server, "TROUPE_TEST_KEY_8"));
  CHECK(f.ask(provider, chat_request()).text == "one");
  set_key("TROUPE_TEST_KEY_8", "sk-second");
  CHECK(f.ask(provider, chat_request()).text == "two");
  auto seen = f.server.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].header("Authorization") == "Bearer sk-first");
  CHECK(seen[1].header("Authorization") == "Bearer sk-first");
}

TEST_CASE("a provider type without a codec is bad_request", "[http_provider]") {
  provider_fixture f;
  auto spec = openai_spec(f.server, "");
  spec.type = "local";
  auto provider = f.spawn(spec);
  auto result = f.ask(provider, chat_request());
  CHECK(result.outcome == attempt_outcome::bad_request);
  CHECK(result.error == "provider 'openai' has type 'local', which Troupe cannot call "
                        "over HTTP: use \"openai\" or \"anthropic\"");
  CHECK(f.server.request_count() == 0);
}

TEST_CASE("50 concurrent requests are each answered with their own reply",
          "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_9", "sk-test-nine");
  f.server.set_default([](const test::recorded_request& request) {
    auto body = boost::json::parse(request.body);
    auto question =
        boost::json::value_to<std::string>(body.at("messages").at(1).at("content"));
    auto reply = fake_reply::json(test::openai_chat_body("answer to " + question, 5, 3));
    reply.delay = 100ms;
    return reply;
  });
  auto provider = f.spawn(openai_spec(f.server, "TROUPE_TEST_KEY_9"));
  constexpr int total = 50;
  auto started = steady::now();
  std::vector<decltype(f.self->request(provider, 10s, model_request{}))> calls;
  for (int i = 0; i < total; ++i)
    calls.push_back(
        f.self->request(provider, 10s, chat_request("q" + std::to_string(i))));
  std::set<std::string> answers;
  for (int i = 0; i < total; ++i)
    calls[i].receive(
        [&](attempt_result& result) {
          CHECK(result.outcome == attempt_outcome::ok);
          CHECK(result.text == "answer to q" + std::to_string(i));
          answers.insert(result.text);
        },
        [&](caf::error& err) { FAIL("no attempt_result: " << f.ts.sys.render(err)); });
  CHECK(answers.size() == total);
  CHECK(f.server.request_count() == total);
  // One after another would take 5 s.
  CHECK(steady::now() - started < 2s);
  CHECK(f.transport->in_flight() == 0);
}

TEST_CASE("a provider killed mid-request cancels it and breaks its promise",
          "[http_provider]") {
  provider_fixture f;
  set_key("TROUPE_TEST_KEY_10", "sk-test-ten");
  f.server.push(fake_reply::failing(fake_reply::fault::hang));
  auto doomed = f.spawn(openai_spec(f.server, "TROUPE_TEST_KEY_10"));
  auto call = f.self->request(doomed, 10s, chat_request());
  REQUIRE(f.server.wait_for_requests(1, 5s));
  CHECK(f.transport->in_flight() == 1);
  f.self->send_exit(doomed, caf::exit_reason::kill);
  call.receive([](attempt_result&) { FAIL("a killed provider answered"); },
               [](caf::error& err) { CHECK(err == caf::sec::request_receiver_down); });
  CHECK(f.transport->in_flight() == 0);
  // The shared transport serves the other providers as before.
  f.server.push(fake_reply::json(test::openai_chat_body("still here", 1, 1)));
  auto survivor = f.spawn(openai_spec(f.server, "TROUPE_TEST_KEY_10"));
  CHECK(f.ask(survivor, chat_request()).text == "still here");
}

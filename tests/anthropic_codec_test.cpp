#include "runtime/model/provider/anthropic_codec.hpp"
#include "tests/support/provider_bodies.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <optional>

using namespace troupe;

namespace {

const std::string api_key = "sk-ant-test-SECRET-0123456789";

model_request chat_request() {
  model_request request;
  request.model = "claude-3-5-haiku-latest";
  request.messages = {{"system", "You summarize."},
                      {"user", "Summarize this."},
                      {"system", "Be brief."},
                      {"assistant", "Sure."},
                      {"user", "Go on."}};
  request.max_tokens = 512;
  request.temperature = 0.5;
  return request;
}

provider_spec anthropic_provider(std::string base_url = "https://api.anthropic.com/v1") {
  provider_spec provider;
  provider.name = "anthropic";
  provider.type = "anthropic";
  provider.base_url = std::move(base_url);
  provider.api_key_env = "ANTHROPIC_API_KEY";
  provider.timeout = std::chrono::milliseconds{20000};
  return provider;
}

std::optional<std::string> header(const http_request& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name)
      return value;
  return std::nullopt;
}

boost::json::object encoded_body(const model_request& request) {
  auto http = anthropic_codec{}.encode(request, anthropic_provider(), api_key);
  return boost::json::parse(http.body).as_object();
}

http_response answer(int32_t status, std::string body,
                     std::map<std::string, std::string> headers = {}) {
  http_response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

/// Decodes with the key's variable known and checks the key stays out.
attempt_result decode(const http_response& response) {
  auto result = anthropic_codec{"ANTHROPIC_API_KEY"}.decode(response);
  CHECK(result.error.find(api_key) == std::string::npos);
  return result;
}

} // namespace

TEST_CASE("anthropic codec posts to /messages with its key and version", "[codec]") {
  auto provider = anthropic_provider("https://api.anthropic.com/v1/");
  provider.anthropic_version = "2023-06-01";
  provider.headers = {{"anthropic-beta", "prompt-caching-2024-07-31"}};
  auto request = anthropic_codec{}.encode(chat_request(), provider, api_key);
  CHECK(request.method == "POST");
  CHECK(request.url == "https://api.anthropic.com/v1/messages");
  CHECK(header(request, "x-api-key") == api_key);
  CHECK(header(request, "anthropic-version") == std::string{"2023-06-01"});
  CHECK(header(request, "content-type") == std::string{"application/json"});
  CHECK(header(request, "anthropic-beta") == std::string{"prompt-caching-2024-07-31"});
  CHECK_FALSE(header(request, "Authorization"));
  CHECK(request.timeout == std::chrono::milliseconds{20000});
  CHECK(request.body.find(api_key) == std::string::npos);
}

TEST_CASE("anthropic codec moves system messages to the system field", "[codec]") {
  auto body = encoded_body(chat_request());
  CHECK(body.at("model") == "claude-3-5-haiku-latest");
  CHECK(body.at("max_tokens") == 512);
  CHECK(body.at("temperature") == 0.5);
  CHECK(body.at("system") == "You summarize.\n\nBe brief.");
  const auto& messages = body.at("messages").as_array();
  REQUIRE(messages.size() == 3);
  CHECK(messages[0] ==
        boost::json::object{{"role", "user"}, {"content", "Summarize this."}});
  CHECK(messages[1] == boost::json::object{{"role", "assistant"}, {"content", "Sure."}});
  CHECK(messages[2] == boost::json::object{{"role", "user"}, {"content", "Go on."}});
}

TEST_CASE("anthropic codec sends no system field without system messages", "[codec]") {
  model_request request;
  request.model = "claude";
  request.messages = {{"user", "Hi"}};
  CHECK_FALSE(encoded_body(request).contains("system"));
}

TEST_CASE("anthropic codec asks for one JSON object in json_object mode", "[codec]") {
  auto request = chat_request();
  request.response_format = "json_object";
  auto system = encoded_body(request).at("system").as_string();
  CHECK_THAT(std::string(system.c_str()),
             Catch::StartsWith("You summarize.\n\nBe brief.\n\n") &&
                 Catch::Contains("one JSON object only"));
  request.messages = {{"user", "Hi"}};
  CHECK_THAT(std::string(encoded_body(request).at("system").as_string().c_str()),
             Catch::StartsWith("Answer with one JSON object only"));
}

TEST_CASE("anthropic codec puts a json_schema request's schema in the system prompt",
          "[codec]") {
  auto request = chat_request();
  request.response_format = "json_schema";
  request.response_schema = R"({"type": "object"})";
  std::string system = encoded_body(request).at("system").as_string().c_str();
  CHECK_THAT(system, Catch::Contains("one JSON object only") &&
                         Catch::EndsWith("JSON Schema:\n{\"type\": \"object\"}"));
}

TEST_CASE("anthropic codec decodes a message with usage", "[codec]") {
  auto response =
      answer(200, test::anthropic_message_body("A summary.", 200, 40, "end_turn",
                                               "claude-3-5-haiku-20241022"));
  response.elapsed_us = 52000;
  auto result = decode(response);
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.text == "A summary.");
  CHECK(result.input_tokens == 200);
  CHECK(result.output_tokens == 40);
  CHECK(result.finish_reason == "stop");
  CHECK(result.response_model == "claude-3-5-haiku-20241022");
  CHECK(result.http_status == 200);
  CHECK(result.latency_us == 52000);
}

TEST_CASE("anthropic codec joins text blocks and maps stop reasons", "[codec]") {
  auto result = decode(answer(200, R"({"type": "message", "model": "claude",
      "content": [{"type": "text", "text": "Part one, "},
                  {"type": "tool_use", "id": "t1", "name": "search", "input": {}},
                  {"type": "text", "text": "part two."}],
      "stop_reason": "max_tokens"})"));
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.text == "Part one, part two.");
  CHECK(result.finish_reason == "length");
  CHECK(result.input_tokens == 0); // no usage
  CHECK(result.output_tokens == 0);
  auto stopped =
      decode(answer(200, test::anthropic_message_body("x", 1, 1, "stop_sequence")));
  CHECK(stopped.finish_reason == "stop_sequence");
}

TEST_CASE("anthropic codec reports wrong shapes and unreadable bodies", "[codec]") {
  auto no_content = decode(answer(200, R"({"type": "message", "model": "claude"})"));
  CHECK(no_content.outcome == attempt_outcome::malformed);
  CHECK_THAT(no_content.error, Catch::StartsWith("anthropic 200: malformed response (no "
                                                 "content array)"));
  auto html = decode(answer(200, "<!DOCTYPE html><title>Gateway</title>"));
  CHECK(html.outcome == attempt_outcome::malformed);
  CHECK_THAT(html.error, Catch::Contains("<!DOCTYPE html>"));
  auto body = test::anthropic_message_body("A summary.", 200, 40);
  body.resize(body.size() - 10);
  CHECK(decode(answer(200, body)).outcome == attempt_outcome::malformed);
}

TEST_CASE("anthropic codec reads 429 with Retry-After", "[codec]") {
  auto result =
      decode(answer(429,
                    test::anthropic_error_body("rate_limit_error",
                                               "Number of request tokens has "
                                               "exceeded your per-minute rate limit"),
                    {{"retry-after", "12"}}));
  CHECK(result.outcome == attempt_outcome::rate_limited);
  CHECK(result.retry_after_ms == 12000);
  CHECK_THAT(result.error,
             Catch::StartsWith("anthropic 429 rate_limit_error: Number of"));
}

TEST_CASE("anthropic codec reads server errors and overload", "[codec]") {
  auto overloaded =
      decode(answer(529, test::anthropic_error_body("overloaded_error", "Overloaded")));
  CHECK(overloaded.outcome == attempt_outcome::server_error);
  CHECK(overloaded.error == "anthropic 529 overloaded_error: Overloaded");
  CHECK(
      decode(answer(500, test::anthropic_error_body("api_error", "Internal"))).outcome ==
      attempt_outcome::server_error);
  CHECK(decode(answer(503, "")).outcome == attempt_outcome::server_error);
}

TEST_CASE("anthropic codec reports a refused key without the key", "[codec]") {
  auto unauthorized =
      decode(answer(401, test::anthropic_error_body("authentication_error",
                                                    "invalid x-api-key " + api_key)));
  CHECK(unauthorized.outcome == attempt_outcome::auth_failed);
  CHECK(unauthorized.error == "anthropic 401 authentication_error: the API key from env "
                              "var ANTHROPIC_API_KEY was refused");
  auto forbidden = decode(answer(
      403, test::anthropic_error_body("permission_error", "Your API key does not have "
                                                          "permission")));
  CHECK(forbidden.outcome == attempt_outcome::auth_failed);
}

TEST_CASE("anthropic codec keeps the provider's message on other 4xx", "[codec]") {
  auto result =
      decode(answer(400, test::anthropic_error_body("invalid_request_error",
                                                    "messages: roles must alternate")));
  CHECK(result.outcome == attempt_outcome::bad_request);
  CHECK(result.error ==
        "anthropic 400 invalid_request_error: messages: roles must alternate");
}

TEST_CASE("anthropic codec recognises context-length errors", "[codec]") {
  auto too_long =
      decode(answer(400, test::anthropic_error_body(
                             "invalid_request_error",
                             "prompt is too long: 210000 tokens > 200000 maximum")));
  CHECK(too_long.outcome == attempt_outcome::context_length);
  auto limit =
      decode(answer(400, test::anthropic_error_body(
                             "invalid_request_error",
                             "input length and `max_tokens` exceed context limit: "
                             "198000 + 8192 > 200000")));
  CHECK(limit.outcome == attempt_outcome::context_length);
  auto too_large = decode(answer(
      413, test::anthropic_error_body("request_too_large", "Request exceeds the maximum "
                                                           "allowed number of bytes.")));
  CHECK(too_large.outcome == attempt_outcome::context_length);
}

TEST_CASE("anthropic codec maps transport failures", "[codec]") {
  http_response response;
  response.failure = http_failure::timeout;
  CHECK(decode(response).outcome == attempt_outcome::timeout);
  response.failure = http_failure::connection_lost;
  CHECK(decode(response).outcome == attempt_outcome::connection_failed);
  response.failure = http_failure::too_large;
  auto too_large = decode(response);
  CHECK(too_large.outcome == attempt_outcome::wrong_endpoint);
  CHECK_THAT(too_large.error, Catch::StartsWith("anthropic answer too large; "));
}

#include "runtime/model/provider/openai_codec.hpp"
#include "tests/support/provider_bodies.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <ctime>
#include <optional>

using namespace troupe;

namespace {

const std::string api_key = "sk-test-SECRET-0123456789";

model_request chat_request() {
  model_request request;
  request.model = "gpt-4o-mini";
  request.messages = {{"system", "You summarize."}, {"user", "Summarize this."}};
  request.max_tokens = 300;
  request.temperature = 0.25;
  return request;
}

provider_spec openai_provider(std::string base_url = "https://api.openai.com/v1") {
  provider_spec provider;
  provider.name = "openai";
  provider.type = "openai";
  provider.base_url = std::move(base_url);
  provider.api_key_env = "OPENAI_API_KEY";
  provider.timeout = std::chrono::milliseconds{15000};
  return provider;
}

std::optional<std::string> header(const http_request& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name)
      return value;
  return std::nullopt;
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
  auto result = openai_codec{"OPENAI_API_KEY"}.decode(response);
  CHECK(result.error.find(api_key) == std::string::npos);
  return result;
}

/// An IMF-fixdate, as servers send in Retry-After.
std::string http_date(std::chrono::system_clock::time_point time) {
  auto seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

} // namespace

TEST_CASE("openai codec posts to /chat/completions with the key as bearer", "[codec]") {
  auto request = openai_codec{}.encode(chat_request(), openai_provider(), api_key);
  CHECK(request.method == "POST");
  CHECK(request.url == "https://api.openai.com/v1/chat/completions");
  CHECK(header(request, "Content-Type") == std::string{"application/json"});
  CHECK(header(request, "Authorization") == "Bearer " + api_key);
  CHECK(request.timeout == std::chrono::milliseconds{15000});
}

TEST_CASE("openai codec tolerates a trailing slash and sends no empty key", "[codec]") {
  auto provider = openai_provider("http://127.0.0.1:8080/v1/");
  provider.headers = {{"HTTP-Referer", "https://troupe.example"}};
  auto request = openai_codec{}.encode(chat_request(), provider, "");
  CHECK(request.url == "http://127.0.0.1:8080/v1/chat/completions");
  CHECK_FALSE(header(request, "Authorization"));
  CHECK(header(request, "HTTP-Referer") == std::string{"https://troupe.example"});
}

TEST_CASE("openai codec sends model, messages, max_tokens and temperature", "[codec]") {
  auto request = openai_codec{}.encode(chat_request(), openai_provider(), api_key);
  auto body = boost::json::parse(request.body).as_object();
  CHECK(body.at("model") == "gpt-4o-mini");
  CHECK(body.at("max_tokens") == 300);
  CHECK(body.at("temperature") == 0.25);
  const auto& messages = body.at("messages").as_array();
  REQUIRE(messages.size() == 2);
  CHECK(messages[0] ==
        boost::json::object{{"role", "system"}, {"content", "You summarize."}});
  CHECK(messages[1] ==
        boost::json::object{{"role", "user"}, {"content", "Summarize this."}});
  CHECK_FALSE(body.contains("response_format"));
  CHECK(request.body.find(api_key) == std::string::npos);
}

TEST_CASE("openai codec asks for a JSON object in json_object mode", "[codec]") {
  auto json_request = chat_request();
  json_request.response_format = "json_object";
  auto request = openai_codec{}.encode(json_request, openai_provider(), api_key);
  auto body = boost::json::parse(request.body).as_object();
  CHECK(body.at("response_format") == boost::json::object{{"type", "json_object"}});
}

TEST_CASE("openai codec sends a JSON schema in json_schema mode", "[codec]") {
  auto json_request = chat_request();
  json_request.response_format = "json_schema";
  json_request.response_schema = R"({"type": "object", "required": ["findings"]})";
  auto body = boost::json::parse(
      openai_codec{}.encode(json_request, openai_provider(), api_key).body);
  const auto& format = body.at("response_format");
  CHECK(format.at("type") == "json_schema");
  CHECK(format.at("json_schema").at("schema").at("required").at(0) == "findings");
  json_request.response_schema = "{not json";
  body = boost::json::parse(
      openai_codec{}.encode(json_request, openai_provider(), api_key).body);
  CHECK(body.at("response_format").at("type") == "json_object");
}

TEST_CASE("openai codec sends reasoning models max_completion_tokens", "[codec]") {
  auto reasoning = chat_request();
  reasoning.model = "o4-mini";
  auto body = boost::json::parse(
                  openai_codec{}.encode(reasoning, openai_provider(), api_key).body)
                  .as_object();
  CHECK(body.at("max_completion_tokens") == 300);
  CHECK(!body.contains("max_tokens"));
  CHECK(!body.contains("temperature")); // only the default is accepted
}

TEST_CASE("openai codec decodes a completion with usage", "[codec]") {
  auto response = answer(200, test::openai_chat_body("A summary.", 120, 30, "stop",
                                                     "gpt-4o-mini-2024-07-18"));
  response.elapsed_us = 81000;
  auto result = decode(response);
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.text == "A summary.");
  CHECK(result.input_tokens == 120);
  CHECK(result.output_tokens == 30);
  CHECK(result.finish_reason == "stop");
  CHECK(result.response_model == "gpt-4o-mini-2024-07-18");
  CHECK(result.http_status == 200);
  CHECK(result.latency_us == 81000);
  CHECK(result.retry_after_ms == -1);
}

TEST_CASE("openai codec passes a cut-off answer on with finish_reason length",
          "[codec]") {
  auto result = decode(answer(200, test::openai_chat_body("A summ", 120, 300, "length")));
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.finish_reason == "length");
}

TEST_CASE("openai codec reads a completion without usage as zero tokens", "[codec]") {
  auto result = decode(answer(200, R"({"model": "llama", "choices": [{"message":
      {"role": "assistant", "content": "{\"a\": 1}"}, "finish_reason": "stop"}]})"));
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.text == R"({"a": 1})");
  CHECK(result.input_tokens == 0);
  CHECK(result.output_tokens == 0);
}

TEST_CASE("openai codec reports wrong shapes as malformed", "[codec]") {
  auto no_choices =
      decode(answer(200, R"({"object": "chat.completion", "choices": []})"));
  CHECK(no_choices.outcome == attempt_outcome::malformed);
  CHECK_THAT(no_choices.error, Catch::StartsWith("openai 200: malformed response (no "
                                                 "choices); body: {\"object\""));
  auto null_content = decode(answer(
      200, R"({"choices": [{"message": {"role": "assistant", "content": null}}]})"));
  CHECK(null_content.outcome == attempt_outcome::malformed);
  CHECK_THAT(null_content.error, Catch::Contains("content is null"));
  CHECK(decode(answer(200, "[1, 2]")).outcome == attempt_outcome::malformed);
}

TEST_CASE("openai codec reports unreadable bodies as malformed", "[codec]") {
  auto html = decode(answer(200, "<html><body>Captive portal</body></html>"));
  CHECK(html.outcome == attempt_outcome::malformed);
  CHECK_THAT(html.error, Catch::Contains("Captive portal"));
  auto truncated = test::openai_chat_body("A summary.", 120, 30);
  truncated.resize(truncated.size() / 2);
  auto cut = decode(answer(200, truncated));
  CHECK(cut.outcome == attempt_outcome::malformed);
  CHECK_THAT(cut.error, Catch::Contains("not JSON"));
  CHECK(decode(answer(200, "{not json}")).outcome == attempt_outcome::malformed);
}

TEST_CASE("openai codec reads 429 with Retry-After", "[codec]") {
  auto body = test::openai_error_body("requests", "rate_limit_exceeded",
                                      "You exceeded your quota");
  auto seconds = decode(answer(429, body, {{"retry-after", "7"}}));
  CHECK(seconds.outcome == attempt_outcome::rate_limited);
  CHECK(seconds.http_status == 429);
  CHECK(seconds.retry_after_ms == 7000);
  CHECK(seconds.error == "openai 429 rate_limit_exceeded: You exceeded your quota");

  auto in_30s = std::chrono::system_clock::now() + std::chrono::seconds{30};
  auto date = decode(answer(429, body, {{"retry-after", http_date(in_30s)}}));
  CHECK(date.outcome == attempt_outcome::rate_limited);
  CHECK(date.retry_after_ms > 28000);
  CHECK(date.retry_after_ms <= 30000);
}

TEST_CASE("openai codec reads server errors", "[codec]") {
  auto body = test::openai_error_body("server_error", "", "The server had an error");
  auto internal = decode(answer(500, body));
  CHECK(internal.outcome == attempt_outcome::server_error);
  CHECK(internal.error == "openai 500 server_error: The server had an error");
  CHECK(decode(answer(503, "Service Unavailable")).outcome ==
        attempt_outcome::server_error);
}

TEST_CASE("openai codec reports a refused key without the key", "[codec]") {
  auto body = test::openai_error_body("invalid_request_error", "invalid_api_key",
                                      "Incorrect API key provided: " + api_key);
  auto unauthorized = decode(answer(401, body));
  CHECK(unauthorized.outcome == attempt_outcome::auth_failed);
  CHECK(
      unauthorized.error ==
      "openai 401 invalid_api_key: the API key from env var OPENAI_API_KEY was refused");
  auto forbidden =
      decode(answer(403, R"({"error": {"message": "unsupported_country"}})"));
  CHECK(forbidden.outcome == attempt_outcome::auth_failed);
  CHECK_THAT(forbidden.error, Catch::Contains("OPENAI_API_KEY"));
}

TEST_CASE("openai codec keeps the provider's message on other 4xx", "[codec]") {
  auto result =
      decode(answer(400, test::openai_error_body("invalid_request_error", "invalid_value",
                                                 "Invalid value for 'temperature'.")));
  CHECK(result.outcome == attempt_outcome::bad_request);
  CHECK(result.error == "openai 400 invalid_value: Invalid value for 'temperature'.");
  // Ollama's envelope is a bare string.
  auto ollama = decode(answer(404, R"({"error": "model 'llama9' not found"})"));
  CHECK(ollama.outcome == attempt_outcome::bad_request);
  CHECK(ollama.error == "openai 404: model 'llama9' not found");
}

TEST_CASE("openai codec recognises context-length errors", "[codec]") {
  auto openai = decode(answer(
      400, test::openai_error_body("invalid_request_error", "context_length_exceeded",
                                   "This model's maximum context length is 128000 "
                                   "tokens. However, your messages resulted in 130000 "
                                   "tokens.")));
  CHECK(openai.outcome == attempt_outcome::context_length);
  CHECK_THAT(openai.error, Catch::StartsWith("openai 400 context_length_exceeded: "));
  // vLLM: the fields at the top level, code the status again.
  auto vllm = decode(answer(400, R"({"object": "error",
      "message": "This model's maximum context length is 4096 tokens.",
      "type": "BadRequestError", "code": 400})"));
  CHECK(vllm.outcome == attempt_outcome::context_length);
  // llama.cpp server.
  auto llama = decode(answer(400, R"({"error": {"code": 400,
      "message": "the request exceeds the available context size, try increasing it",
      "type": "exceed_context_size_error", "n_prompt_tokens": 9000, "n_ctx": 8192}})"));
  CHECK(llama.outcome == attempt_outcome::context_length);
  CHECK_THAT(llama.error, Catch::StartsWith("openai 400 exceed_context_size_error: "));
  CHECK(decode(answer(413, "")).outcome == attempt_outcome::context_length);
}

TEST_CASE("openai codec maps transport failures", "[codec]") {
  http_response response;
  response.failure = http_failure::timeout;
  response.error = "Operation timed out after 15000 milliseconds";
  CHECK(decode(response).outcome == attempt_outcome::timeout);
  response.failure = http_failure::connect_failed;
  response.error = "Failed to connect to 127.0.0.1 port 8080: Connection refused";
  auto refused = decode(response);
  CHECK(refused.outcome == attempt_outcome::connection_failed);
  CHECK(refused.error == "openai could not connect: " + response.error);
  response.failure = http_failure::too_large;
  response.error.clear();
  auto too_large = decode(response);
  CHECK(too_large.outcome == attempt_outcome::wrong_endpoint);
  CHECK_THAT(too_large.error, Catch::Contains("answer too large"));
}

TEST_CASE("make_provider_codec knows openai and anthropic", "[codec]") {
  auto provider = openai_provider();
  CHECK(dynamic_cast<openai_codec*>(make_provider_codec(provider).get()) != nullptr);
  provider.type = "anthropic";
  CHECK(make_provider_codec(provider) != nullptr);
  provider.type = "local";
  CHECK(make_provider_codec(provider) == nullptr);
  provider.type.clear();
  CHECK(make_provider_codec(provider) == nullptr);
}

TEST_CASE("make_provider_codec names the provider's key variable", "[codec]") {
  auto provider = openai_provider();
  provider.api_key_env = "TROUPE_OTHER_KEY";
  auto refused = make_provider_codec(provider)->decode(answer(401, "{}"));
  CHECK(refused.outcome == attempt_outcome::auth_failed);
  CHECK_THAT(refused.error, Catch::Contains("env var TROUPE_OTHER_KEY"));
  provider.type = "anthropic";
  refused = make_provider_codec(provider)->decode(answer(403, "{}"));
  CHECK_THAT(refused.error, Catch::Contains("env var TROUPE_OTHER_KEY"));
}

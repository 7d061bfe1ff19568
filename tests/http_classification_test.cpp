#include "runtime/agent/json_access.hpp"
#include "runtime/model/provider/http_classification.hpp"
#include "runtime/model/provider/rate_limit_headers.hpp"
#include "runtime/text/utf8.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
using std::chrono::milliseconds;

namespace {

// 2023-11-14T22:13:20Z, a Tuesday.
const auto now = std::chrono::system_clock::time_point{std::chrono::seconds{1700000000}};

attempt_result read_text(const boost::json::value& body) {
  const auto& text = value_at(body, "text");
  if (!text.is_string())
    return http_classification::wrong_shape("no text");
  attempt_result result;
  result.text = text_of(text);
  return result;
}

http_classification::error_body read_error(const boost::json::value& body) {
  return {string_at(body, "code"), string_at(body, "message")};
}

const http_classification classification{"test", "TEST_API_KEY", read_text, read_error};

http_response answer(int32_t status, std::string body, header_map headers = {}) {
  http_response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  response.elapsed_us = 1234;
  return response;
}

http_response transport_failure(http_failure failure, std::string error) {
  http_response response;
  response.failure = failure;
  response.error = std::move(error);
  return response;
}

attempt_result classify(const http_response& response) {
  return classification.classify(response, now);
}

} // namespace

TEST_CASE("classification reads a 2xx body with the codec's reader", "[codec]") {
  auto result = classify(answer(200, R"({"text": "hello"})"));
  CHECK(result.outcome == attempt_outcome::ok);
  CHECK(result.text == "hello");
  CHECK(result.http_status == 200);
  CHECK(result.latency_us == 1234);
  CHECK(result.retry_after_ms == -1);
  CHECK(result.error.empty());
}

TEST_CASE("classification maps transport failures", "[codec]") {
  auto timeout =
      classify(transport_failure(http_failure::timeout, "timed out after 60 s"));
  CHECK(timeout.outcome == attempt_outcome::timeout);
  CHECK(timeout.error == "test request timed out: timed out after 60 s");
  CHECK(timeout.http_status == 0);
  CHECK(classify(transport_failure(http_failure::connect_failed, "refused")).outcome ==
        attempt_outcome::connection_failed);
  CHECK(classify(transport_failure(http_failure::connection_lost, "reset")).outcome ==
        attempt_outcome::connection_failed);
  CHECK(classify(transport_failure(http_failure::other, "transport stopped")).outcome ==
        attempt_outcome::connection_failed);
  auto too_large = classify(
      transport_failure(http_failure::too_large, "response body larger than 1024 bytes"));
  CHECK(too_large.outcome == attempt_outcome::wrong_endpoint);
  CHECK(too_large.error ==
        "test answer too large: response body larger than 1024 bytes; no model answer "
        "is this large: an endless stream, or a base_url that is not the API? (the "
        "provider's max_response_mb sets the body cap)");
}

TEST_CASE("classification maps statuses onto outcomes", "[codec]") {
  auto outcome = [](int32_t status) {
    return classify(answer(status, R"({"code": "x", "message": "m"})")).outcome;
  };
  CHECK(outcome(429) == attempt_outcome::rate_limited);
  CHECK(outcome(500) == attempt_outcome::server_error);
  CHECK(outcome(502) == attempt_outcome::server_error);
  CHECK(outcome(503) == attempt_outcome::server_error);
  CHECK(outcome(529) == attempt_outcome::server_error);
  CHECK(outcome(401) == attempt_outcome::auth_failed);
  CHECK(outcome(403) == attempt_outcome::auth_failed);
  CHECK(outcome(408) == attempt_outcome::timeout);
  CHECK(outcome(413) == attempt_outcome::context_length);
  CHECK(outcome(400) == attempt_outcome::bad_request);
  CHECK(outcome(404) == attempt_outcome::bad_request);
  CHECK(outcome(422) == attempt_outcome::bad_request);
  CHECK(outcome(302) == attempt_outcome::malformed);
}

TEST_CASE("classification keeps the provider's code and message", "[codec]") {
  auto result = classify(
      answer(400, R"({"code": "invalid_value", "message": "temperature is too high"})"));
  CHECK(result.outcome == attempt_outcome::bad_request);
  CHECK(result.http_status == 400);
  CHECK(result.error == "test 400 invalid_value: temperature is too high");
}

TEST_CASE("classification quotes an error body that is not JSON", "[codec]") {
  auto result = classify(answer(502, "<html><body>502 Bad Gateway</body></html>\n"));
  CHECK(result.outcome == attempt_outcome::server_error);
  CHECK(result.error == "test 502: <html><body>502 Bad Gateway</body></html> ");
  CHECK(classify(answer(503, "")).error == "test 503");
}

TEST_CASE("classification names the key variable but never the key on 401", "[codec]") {
  auto result = classify(answer(
      401, R"({"code": "invalid_api_key", "message": "Incorrect API key: sk-abc123"})"));
  CHECK(result.outcome == attempt_outcome::auth_failed);
  CHECK(result.error ==
        "test 401 invalid_api_key: the API key from env var TEST_API_KEY was refused");
  const http_classification unnamed{"test", "", read_text, read_error};
  CHECK(unnamed.classify(answer(403, "{}"), now).error ==
        "test 403: the API key was refused");
}

TEST_CASE("classification finds context-length errors in 4xx bodies", "[codec]") {
  auto outcome = [](const std::string& message) {
    boost::json::object body{{"message", message}};
    return classify(answer(400, boost::json::serialize(body))).outcome;
  };
  CHECK(outcome("This model's maximum context length is 4096 tokens.") ==
        attempt_outcome::context_length);
  CHECK(outcome("the request exceeds the available context size, try increasing it") ==
        attempt_outcome::context_length);
  CHECK(outcome("prompt is too long: 210000 tokens > 200000 maximum") ==
        attempt_outcome::context_length);
  CHECK(outcome("Too many tokens in the prompt") == attempt_outcome::context_length);
  CHECK(outcome("model not found") == attempt_outcome::bad_request);
  CHECK(classify(answer(400, R"({"code": "context_length_exceeded"})")).outcome ==
        attempt_outcome::context_length);
  // A server that is down says nothing about the prompt, whatever it prints.
  CHECK(classify(answer(500, R"({"message": "context length"})")).outcome ==
        attempt_outcome::server_error);
}

TEST_CASE("context-length detection knows every provider's wording", "[codec]") {
  using c = http_classification;
  CHECK(c::is_context_length_error("context_length_exceeded", ""));
  CHECK(c::is_context_length_error("exceed_context_size_error", ""));
  CHECK(c::is_context_length_error(
      "invalid_request_error",
      "input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000"));
  CHECK(c::is_context_length_error("", "This model's Maximum Context Length is 8192"));
  CHECK_FALSE(c::is_context_length_error("invalid_request_error", "max_tokens: 0 < 1"));
  CHECK_FALSE(c::is_context_length_error("", ""));
}

TEST_CASE("classification reads Retry-After in seconds, decimals and dates", "[codec]") {
  auto delay = [](header_map headers) {
    return classify(answer(429, "{}", std::move(headers))).retry_after_ms;
  };
  CHECK(delay({{"retry-after", "20"}}) == 20000);
  CHECK(delay({{"retry-after", " 1.5 "}}) == 1500);
  CHECK(delay({{"retry-after", "Tue, 14 Nov 2023 22:13:50 GMT"}}) == 30000);
  CHECK(delay({{"retry-after", "Tue, 14 Nov 2023 22:00:00 GMT"}}) == 0);
  CHECK(delay({{"retry-after-ms", "250"}, {"retry-after", "1"}}) == 250);
  CHECK(delay({{"retry-after", "soon"}}) == -1);
  // Dates past what system_clock holds (1677 to 2262) do not overflow it.
  CHECK(delay({{"retry-after", "Mon, 01 Jan 0001 00:00:00 GMT"}}) == 0);
  CHECK(delay({{"retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"}}) > 3'000'000'000'000);
  CHECK(delay({}) == -1);
  // Retry-After on an overloaded server counts too.
  CHECK(classify(answer(503, "", {{"retry-after", "3"}})).retry_after_ms == 3000);
}

TEST_CASE("a 429 without Retry-After waits for the exhausted limit's reset", "[codec]") {
  auto delay = [](header_map headers) {
    return classify(answer(429, "{}", std::move(headers))).retry_after_ms;
  };
  CHECK(delay({{"x-ratelimit-remaining-requests", "10"},
               {"x-ratelimit-reset-requests", "1s"},
               {"x-ratelimit-remaining-tokens", "0"},
               {"x-ratelimit-reset-tokens", "6m0s"}}) == 360000);
  CHECK(delay({{"x-ratelimit-remaining-requests", "0"},
               {"x-ratelimit-reset-requests", "250ms"},
               {"x-ratelimit-remaining-tokens", "5000"},
               {"x-ratelimit-reset-tokens", "6m0s"}}) == 250);
  CHECK(delay({{"x-ratelimit-reset-requests", "2s"}}) == 2000);
  // Only a 429 means a limit was hit.
  CHECK(classify(answer(500, "{}", {{"x-ratelimit-reset-requests", "2s"}}))
            .retry_after_ms == -1);
}

TEST_CASE("classification reports 2xx bodies that cannot be read as malformed",
          "[codec]") {
  auto not_json = classify(answer(200, "Internal error, try later"));
  CHECK(not_json.outcome == attempt_outcome::malformed);
  CHECK(not_json.http_status == 200);
  CHECK_THAT(not_json.error, Catch::StartsWith("test 200: malformed response (not JSON"));
  CHECK_THAT(not_json.error, Catch::EndsWith("body: Internal error, try later"));

  auto truncated = classify(answer(200, R"({"text": "hel)"));
  CHECK(truncated.outcome == attempt_outcome::malformed);
  CHECK_THAT(truncated.error, Catch::Contains(R"(body: {"text": "hel)"));

  auto html = classify(answer(200, "<!DOCTYPE html>\n<html><title>Login</title></html>"));
  CHECK(html.outcome == attempt_outcome::malformed);
  CHECK_THAT(html.error, Catch::Contains("body: <!DOCTYPE html> <html>"));

  auto wrong_shape = classify(answer(200, R"({"answer": "hello"})"));
  CHECK(wrong_shape.outcome == attempt_outcome::malformed);
  CHECK(wrong_shape.error ==
        R"(test 200: malformed response (no text); body: {"answer": "hello"})");

  CHECK_THAT(classify(answer(200, "")).error, Catch::EndsWith("body: (empty)"));
}

TEST_CASE("a malformed body is quoted short and as valid UTF-8", "[codec]") {
  // 199 ASCII bytes, then a euro sign across byte 200, then a stray byte.
  std::string body =
      "<" + std::string(198, 'x') + "\xE2\x82\xAC\xFF" + std::string(500, 'y');
  auto result = classify(answer(200, body));
  CHECK(result.outcome == attempt_outcome::malformed);
  CHECK(utf8_sanitize(result.error) == result.error);
  CHECK_THAT(result.error, Catch::EndsWith(std::string(198, 'x') + "..."));
  CHECK(result.error.find("yy") == std::string::npos);
}

TEST_CASE("rate-limit headers read OpenAI's remaining limits", "[codec]") {
  auto limits = read_rate_limit_headers({{"x-ratelimit-remaining-requests", "59"},
                                         {"x-ratelimit-remaining-tokens", "149500"},
                                         {"x-ratelimit-reset-requests", "1s"},
                                         {"x-ratelimit-reset-tokens", "200ms"}},
                                        now);
  CHECK(limits.remaining_requests == int64_t{59});
  CHECK(limits.remaining_tokens == int64_t{149500});
  CHECK(limits.reset_after == milliseconds{1000});
}

TEST_CASE("rate-limit headers read Anthropic's remaining limits", "[codec]") {
  auto limits = read_rate_limit_headers(
      {{"anthropic-ratelimit-requests-remaining", "49"},
       {"anthropic-ratelimit-tokens-remaining", "39000"},
       {"anthropic-ratelimit-requests-reset", "2023-11-14T22:13:21.5Z"}},
      now);
  CHECK(limits.remaining_requests == int64_t{49});
  CHECK(limits.remaining_tokens == int64_t{39000});
  CHECK(limits.reset_after == milliseconds{1500});

  auto offset = read_rate_limit_headers(
      {{"anthropic-ratelimit-requests-reset", "2023-11-15T00:13:30+02:00"}}, now);
  CHECK(offset.reset_after == milliseconds{10000});
  auto past = read_rate_limit_headers(
      {{"anthropic-ratelimit-requests-reset", "2023-11-14T22:00:00Z"}}, now);
  CHECK(past.reset_after == milliseconds{0});
}

TEST_CASE("rate-limit headers leave absent or unreadable values empty", "[codec]") {
  auto none = read_rate_limit_headers({}, now);
  CHECK_FALSE(none.remaining_requests);
  CHECK_FALSE(none.remaining_tokens);
  CHECK_FALSE(none.reset_after);
  auto garbage =
      read_rate_limit_headers({{"x-ratelimit-remaining-requests", "many"},
                               {"x-ratelimit-remaining-tokens", "-5"},
                               {"x-ratelimit-reset-requests", "soon"},
                               {"anthropic-ratelimit-requests-reset", "May 1"}},
                              now);
  CHECK_FALSE(garbage.remaining_requests);
  CHECK_FALSE(garbage.remaining_tokens);
  CHECK_FALSE(garbage.reset_after);
}

TEST_CASE("reset durations read Go-style durations", "[codec]") {
  CHECK(parse_reset_duration("1s") == milliseconds{1000});
  CHECK(parse_reset_duration("6m0s") == milliseconds{360000});
  CHECK(parse_reset_duration("250ms") == milliseconds{250});
  CHECK(parse_reset_duration("1h2m3.5s") == milliseconds{3723500});
  CHECK(parse_reset_duration("0.5s") == milliseconds{500});
  CHECK(parse_reset_duration("12") == milliseconds{12000});
  CHECK_FALSE(parse_reset_duration(""));
  CHECK_FALSE(parse_reset_duration("6x"));
  CHECK_FALSE(parse_reset_duration("s"));
  CHECK_FALSE(parse_reset_duration("-1s"));
  CHECK_FALSE(parse_reset_duration("nans"));
}

// Providers that answer with 200 but not with an answer: invalid UTF-8,
// pages instead of JSON, the right shape with the wrong types, bodies and
// headers without end, Retry-After nonsense. Each goes through the fake
// server, the real transport and an http provider, and must come back as a
// classified attempt_result whose error says what to do.

#include "runtime/model/policy/random_source.hpp"
#include "runtime/model/policy/retry_policy.hpp"
#include "runtime/text/utf8.hpp"
#include "support/fake_http_server.hpp"
#include "support/provider_bodies.hpp"
#include "support/provider_fixture.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

using namespace troupe;
using namespace std::chrono_literals;
using test::fake_reply;
using test::provider_fixture;

namespace {

using steady = std::chrono::steady_clock;

/// U+FFFD, what replaces each malformed sequence.
const std::string replacement = "\xEF\xBF\xBD";

/// The answer of a fresh openai (or anthropic) provider to `reply`.
attempt_result answer_to(fake_reply reply, bool anthropic = false,
                         std::size_t max_response_bytes = 8 * 1024 * 1024) {
  provider_fixture f;
  f.server.push(std::move(reply));
  auto spec =
      anthropic ? test::anthropic_spec(f.server, "") : test::openai_spec(f.server, "");
  spec.max_response_bytes = max_response_bytes;
  return f.ask(f.spawn(spec), test::chat_request());
}

/// A 200 with `body` as JSON.
attempt_result answer_to(std::string body, bool anthropic = false) {
  return answer_to(fake_reply::json(std::move(body)), anthropic);
}

/// Retried on the same target, then the next one: the class of a body that
/// another try may get right.
void check_retried(const attempt_result& result) {
  CHECK(result.outcome == attempt_outcome::malformed);
  CHECK(is_retryable(result.outcome));
  CHECK(allows_failover(result.outcome));
}

/// Not retried, the next target at once: the class of what is no API answer.
void check_failed_over(const attempt_result& result) {
  CHECK(result.outcome == attempt_outcome::wrong_endpoint);
  CHECK_FALSE(is_retryable(result.outcome));
  CHECK(allows_failover(result.outcome));
  CHECK(is_target_fault(result.outcome));
}

/// Nothing the result holds may be invalid UTF-8, nor break serialisation.
void check_valid_utf8(const attempt_result& result) {
  for (const auto* text :
       {&result.text, &result.error, &result.response_model, &result.finish_reason})
    CHECK(utf8_invalid_offset(*text) == std::string::npos);
  auto written = boost::json::serialize(
      boost::json::object{{"text", result.text}, {"error", result.error}});
  boost::system::error_code ec;
  boost::json::parse(written, ec);
  CHECK_FALSE(ec);
}

std::string openai_choice(const std::string& message, const std::string& extra = {}) {
  return R"({"model": "m", "choices": [{"index": 0, "message": )" + message +
         R"(, "finish_reason": "stop"}])" + extra + "}";
}

struct hostile_case {
  std::string body;
  std::string says; // part of the error
};

} // namespace

TEST_CASE("invalid UTF-8 in an answer's strings is replaced by U+FFFD", "[hostile]") {
  auto openai = answer_to(R"({"model": "gpt-)"
                          "\xC3"
                          R"(", "choices": [{"message": {"role": "assistant",
      "content": "caf)"
                          "\xC3 ok \xFF\xFE"
                          R"("}, "finish_reason": "stop"}],
      "usage": {"prompt_tokens": 3, "completion_tokens": 2}})");
  CHECK(openai.outcome == attempt_outcome::ok);
  CHECK(openai.text == "caf" + replacement + " ok " + replacement + replacement);
  CHECK(openai.response_model == "gpt-" + replacement);
  CHECK(openai.output_tokens == 2);
  check_valid_utf8(openai);

  auto anthropic =
      answer_to(test::anthropic_message_body("half a euro \xE2\x82", 5, 4), true);
  CHECK(anthropic.outcome == attempt_outcome::ok);
  // Each byte of the cut-off character is replaced on its own.
  CHECK(anthropic.text == "half a euro " + replacement + replacement);
  check_valid_utf8(anthropic);
}

TEST_CASE("invalid UTF-8 in a key or an error message is never passed on", "[hostile]") {
  // "content" spelt with a stray byte is no content.
  auto key = answer_to(openai_choice("{\"role\": \"assistant\", \"cont\xFF"
                                     "ent\": \"hello\"}"));
  check_retried(key);
  CHECK_THAT(key.error, Catch::Contains("choices[0].message has no content"));
  CHECK_THAT(key.error, Catch::Contains("cont" + replacement + "ent"));
  check_valid_utf8(key);

  auto refused = answer_to(fake_reply::json(
      test::openai_error_body("invalid_request_error", "bad\xFF", "bad value \xC0\xAF"),
      400));
  CHECK(refused.outcome == attempt_outcome::bad_request);
  CHECK(refused.error ==
        "openai 400 bad" + replacement + ": bad value " + replacement + replacement);
  check_valid_utf8(refused);

  // Boost.JSON refuses a lone surrogate escape outright: malformed.
  auto surrogate = answer_to(openai_choice(R"({"content": "\ud800"})"));
  check_retried(surrogate);
  CHECK_THAT(surrogate.error, Catch::Contains("not JSON"));
}

TEST_CASE("a 200 page that is not JSON goes to the next target at once", "[hostile]") {
  auto portal = fake_reply::json("<!DOCTYPE html>\n<html><head><title>Hotel WiFi: "
                                 "log in</title></head><body>...</body></html>");
  portal.content_type = "text/html; charset=utf-8";
  auto html = answer_to(portal);
  check_failed_over(html);
  CHECK(html.http_status == 200);
  CHECK_THAT(html.error, Catch::StartsWith("openai 200: no API answer (the answer is "
                                           "text/html, not JSON: a captive portal"));
  CHECK_THAT(html.error, Catch::Contains("base_url"));
  CHECK_THAT(html.error,
             Catch::Contains("body: <!DOCTYPE html> <html><head><title>Hotel"));

  auto plain = fake_reply::json("upstream proxy: access denied");
  plain.content_type = "text/plain";
  auto anthropic = answer_to(plain, true);
  check_failed_over(anthropic);
  CHECK_THAT(anthropic.error, Catch::Contains("the answer is text/plain, not JSON"));

  // JSON cut off on the way may come whole next time: retried.
  auto cut = fake_reply::json(R"({"choices": [{"message": {"content": "hel)");
  cut.content_type = "application/json; charset=utf-8";
  check_retried(answer_to(cut));
  // A good answer under a wrong label is still a good answer.
  auto mislabelled = fake_reply::json(test::openai_chat_body("fine", 1, 1));
  mislabelled.content_type = "text/html";
  CHECK(answer_to(mislabelled).text == "fine");
}

TEST_CASE("openai answers of the right shape with wrong types are malformed",
          "[hostile]") {
  const std::vector<hostile_case> cases = {
      {openai_choice(R"({"role": "assistant", "content": 42})"),
       "(choices[0].message.content is a number, not a string)"},
      {openai_choice(R"({"content": [{"type": "text", "text": "hi"}]})"),
       "(choices[0].message.content is an array, not a string)"},
      {R"({"choices": {"0": {"message": {"content": "hi"}}}})",
       "(choices is an object, not an array)"},
      {R"({"choices": []})", "(no choices)"},
      {R"({"object": "chat.completion"})", "(no choices)"},
      {openai_choice("null"), "(choices[0].message is null, not an object)"},
      {R"({"choices": [{"message": {"role": "assistant", "tool_calls": []},
          "finish_reason": "tool_calls"}]})",
       "(choices[0].message has no content; the model asked to call a tool "
       "(finish_reason tool_calls), but Troupe offers none)"},
      {R"({"choices": [{"message": {"content": null, "refusal": "I can't help."},
          "finish_reason": "stop"}]})",
       "(choices[0].message.content is null; the model refused: I can't help.; "
       "finish_reason stop)"},
      {R"({"choices": [{"message": {"content": ""}, "finish_reason": "length"}]})",
       "(no answer text; the model stopped at max_tokens before writing any text: "
       "raise max_tokens)"},
      {openai_choice(R"({"content": "hi"})",
                     R"(, "usage": {"prompt_tokens": -5, "completion_tokens": 2})"),
       "(usage.prompt_tokens is -5, not a token count from 0 to 100000000)"},
      {openai_choice(R"({"content": "hi"})",
                     R"(, "usage": {"prompt_tokens": 5, "completion_tokens": 1e30})"),
       "(usage.completion_tokens is 1e+30, not a token count"},
      {openai_choice(R"({"content": "hi"})",
                     R"(, "usage": {"prompt_tokens": 18446744073709551615})"),
       "(usage.prompt_tokens is 18446744073709551615, not a token count"},
      {openai_choice(R"({"content": "hi"})",
                     R"(, "usage": {"prompt_tokens": 200000000})"),
       "(usage.prompt_tokens is 200000000, not a token count"},
      {openai_choice(R"({"content": "hi"})", R"(, "usage": {"prompt_tokens": 2.5})"),
       "(usage.prompt_tokens is 2.5, not a token count"},
      {openai_choice(R"({"content": "hi"})", R"(, "usage": {"prompt_tokens": "12"})"),
       "(usage.prompt_tokens is a string, not a token count"},
      {openai_choice(R"({"content": "hi"})", R"(, "usage": [5, 2])"),
       "(usage is an array, not an object)"},
  };
  for (const auto& hostile : cases) {
    INFO(hostile.body);
    auto result = answer_to(hostile.body);
    check_retried(result);
    CHECK_THAT(result.error, Catch::StartsWith("openai 200: malformed response "));
    CHECK_THAT(result.error, Catch::Contains(hostile.says));
    // Nothing is charged for an answer that is rejected.
    CHECK(result.input_tokens == 0);
    CHECK(result.output_tokens == 0);
  }
}

TEST_CASE("anthropic answers with unknown blocks, tool use or no text", "[hostile]") {
  auto mixed = answer_to(R"({"type": "message", "model": "claude", "content": [
      {"type": "thinking", "thinking": "Let me see.", "signature": "x"},
      {"type": "block_from_the_future", "text": 7},
      {"type": "text", "text": "The answer."}],
      "stop_reason": "end_turn", "usage": {"input_tokens": 9, "output_tokens": 3}})",
                         true);
  CHECK(mixed.outcome == attempt_outcome::ok);
  CHECK(mixed.text == "The answer.");
  CHECK(mixed.output_tokens == 3);

  const std::vector<hostile_case> cases = {
      {R"({"content": [{"type": "tool_use", "id": "t1", "name": "search", "input": {}}],
          "stop_reason": "tool_use"})",
       "(no answer text; the model asked to call a tool (finish_reason tool_use), but "
       "Troupe offers none)"},
      {R"({"content": [{"type": "text", "text": ""}], "stop_reason": "max_tokens"})",
       "(no answer text; the model stopped at max_tokens before writing any text: "
       "raise max_tokens)"},
      {R"({"content": [], "stop_reason": "max_tokens"})",
       "(no answer text; the model stopped at max_tokens"},
      {R"({"content": [{"type": "text", "text": 12}]})",
       "(content[0].text is a number, not a string)"},
      {R"({"content": {"type": "text", "text": "hi"}})",
       "(content is an object, not an array)"},
      {R"({"content": null})", "(no content array)"},
      {R"({"content": [{"type": "text", "text": "hi"}],
          "usage": {"input_tokens": 3, "output_tokens": -1}})",
       "(usage.output_tokens is -1, not a token count from 0 to 100000000)"},
  };
  for (const auto& hostile : cases) {
    INFO(hostile.body);
    auto result = answer_to(hostile.body, true);
    check_retried(result);
    CHECK_THAT(result.error, Catch::StartsWith("anthropic 200: malformed response "));
    CHECK_THAT(result.error, Catch::Contains(hostile.says));
    CHECK(result.output_tokens == 0);
  }
}

TEST_CASE("an endless answer stops at the provider's size cap", "[hostile]") {
  for (auto fault : {fake_reply::fault::endless, fake_reply::fault::endless_chunked}) {
    // 16 KiB every 16 ms: about 1 MB/s, for ever.
    auto endless = fake_reply::json(std::string(16 * 1024, ' '));
    endless.fault = fault;
    endless.trickle_gap = 16ms;
    auto started = steady::now();
    auto result = answer_to(endless, false, 256 * 1024);
    check_failed_over(result);
    CHECK(result.error ==
          "openai answer too large: response body larger than 262144 bytes; no model "
          "answer is this large: an endless stream, or a base_url that is not the API? "
          "(the provider's max_response_mb sets the body cap)");
    CHECK(steady::now() - started < 3s); // the cap, not the 5 s timeout
  }
}

TEST_CASE("a megabyte of headers is no answer", "[hostile]") {
  auto padded = fake_reply::json(test::anthropic_message_body("hi", 1, 1));
  for (int i = 0; i < 1000; ++i)
    padded.headers.emplace_back("X-Padding-" + std::to_string(i), std::string(1000, 'p'));
  auto result = answer_to(padded, true);
  check_failed_over(result);
  CHECK_THAT(result.error, Catch::StartsWith("anthropic answer too large: response "
                                             "headers larger than 262144 bytes"));
}

TEST_CASE("a Retry-After of garbage is ignored, a huge one means the next target",
          "[hostile]") {
  auto limited = [](std::string name, std::string value) {
    auto reply = fake_reply::json(
        test::openai_error_body("requests", "rate_limit_exceeded", "Slow down"), 429);
    reply.headers = {{std::move(name), std::move(value)}};
    return answer_to(reply);
  };
  retry_policy retry{retry_spec{}};
  random_source rng{7};
  for (const auto* garbage : {"soon", "-5", "nan", "inf", "1e400", "0x10", ""}) {
    INFO(garbage);
    auto result = limited("Retry-After", garbage);
    CHECK(result.outcome == attempt_outcome::rate_limited);
    CHECK(result.retry_after_ms == -1);
    CHECK_THAT(result.error, Catch::Contains("Slow down"));
    // Plain backoff, within the policy's bounds.
    auto delay = retry.next_delay(0, result.outcome, std::nullopt, rng);
    REQUIRE(delay);
    CHECK(*delay <= retry.spec().max_delay);
  }
  for (const auto& [name, huge] : std::vector<std::pair<std::string, std::string>>{
           {"Retry-After", "99999999999999999999999"},
           {"Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"},
           {"retry-after-ms", "1e300"}}) {
    INFO(name << ": " << huge);
    auto result = limited(name, huge);
    CHECK(result.outcome == attempt_outcome::rate_limited);
    CHECK(result.retry_after_ms > retry.spec().max_delay.count());
    // Never waited for: the policy fails over instead.
    CHECK_FALSE(retry.next_delay(0, result.outcome,
                                 std::chrono::milliseconds{result.retry_after_ms}, rng));
  }
}

#include "runtime/model/provider/http_classification.hpp"

#include "runtime/model/provider/rate_limit_headers.hpp"
#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <cctype>
#include <utility>

namespace troupe {

namespace {

using clock_time = std::chrono::system_clock::time_point;

/// How much of a body an error quotes: enough to recognise an HTML page or
/// a cut-off answer, short enough for one log line.
constexpr std::size_t quoted_bytes = 200;

/// Every wording, lower case, in which providers say that the prompt did
/// not fit: OpenAI's error code and "This model's maximum context length
/// is ..." (also vLLM), llama.cpp's "the request exceeds the available
/// context size" (type exceed_context_size_error), Anthropic's "prompt is
/// too long: ..." and "input length and `max_tokens` exceed context limit".
/// A phrase covers every message containing it: "context length" also
/// matches "maximum context length".
constexpr std::array<std::string_view, 8> context_length_phrases = {
    "context_length_exceeded",
    "context length",
    "too many tokens",
    "prompt is too long",
    "exceeds the available context size",
    "exceed_context_size_error",
    "context limit",
    "context window",
};

std::string lower(std::string_view text) {
  std::string out{text};
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// The start of `body` as one line of valid UTF-8, for error messages.
std::string quote(std::string_view body) {
  auto prefix = utf8_prefix(body, quoted_bytes);
  auto text = utf8_sanitize(prefix);
  std::replace_if(
      text.begin(), text.end(), [](unsigned char c) { return c < 0x20; }, ' ');
  return prefix.size() < body.size() ? text + "..." : text;
}

std::pair<attempt_outcome, std::string> transport_outcome(http_failure failure) {
  switch (failure) {
  case http_failure::timeout:
    return {attempt_outcome::timeout, "request timed out"};
  case http_failure::connect_failed:
    return {attempt_outcome::connection_failed, "could not connect"};
  case http_failure::connection_lost:
    return {attempt_outcome::connection_failed, "connection lost"};
  case http_failure::too_large:
    return {attempt_outcome::malformed, "response larger than the limit"};
  default:
    return {attempt_outcome::connection_failed, "transport error"};
  }
}

/// The outcome of a 4xx or 5xx status.
attempt_outcome status_outcome(int32_t status,
                               const http_classification::error_body& error) {
  if (status == 429)
    return attempt_outcome::rate_limited;
  if (status == 408)
    return attempt_outcome::timeout;
  if (status == 401 || status == 403)
    return attempt_outcome::auth_failed;
  if (status >= 500) // including Anthropic's 529 "overloaded"
    return attempt_outcome::server_error;
  if (status == 413 ||
      http_classification::is_context_length_error(error.code, error.message))
    return attempt_outcome::context_length;
  return attempt_outcome::bad_request;
}

} // namespace

http_classification::http_classification(std::string provider_type,
                                         std::string api_key_env,
                                         success_reader read_success,
                                         error_reader read_error)
    : provider_type_(std::move(provider_type)), api_key_env_(std::move(api_key_env)),
      read_success_(read_success), read_error_(read_error) {}

attempt_result http_classification::classify(const http_response& response,
                                             clock_time now) const {
  auto result = classify_answer(response, now);
  result.http_status = response.status;
  result.latency_us = response.elapsed_us;
  return result;
}

attempt_result http_classification::wrong_shape(std::string what) {
  attempt_result result;
  result.outcome = attempt_outcome::malformed;
  result.error = std::move(what);
  return result;
}

bool http_classification::is_context_length_error(std::string_view code,
                                                  std::string_view message) {
  auto text = lower(code) + " " + lower(message);
  return std::any_of(
      context_length_phrases.begin(), context_length_phrases.end(),
      [&](std::string_view phrase) { return text.find(phrase) != std::string::npos; });
}

attempt_result http_classification::classify_answer(const http_response& response,
                                                    clock_time now) const {
  if (response.failure != http_failure::none)
    return transport_failure(response);
  boost::system::error_code ec;
  auto body = boost::json::parse(response.body, ec);
  if (response.status >= 200 && response.status < 300)
    return ec ? malformed(response, "not JSON: " + ec.message())
              : success(response, body);
  if (response.status < 400 || response.status > 599)
    return malformed(response, "unexpected HTTP status");
  return error_status(response, ec ? error_body{} : read_error_(body), now);
}

attempt_result
http_classification::transport_failure(const http_response& response) const {
  auto [outcome, what] = transport_outcome(response.failure);
  attempt_result result;
  result.outcome = outcome;
  result.error = provider_type_ + " " + what;
  if (!response.error.empty())
    result.error += ": " + response.error;
  return result;
}

attempt_result http_classification::success(const http_response& response,
                                            const boost::json::value& body) const {
  auto result = read_success_(body);
  if (result.outcome == attempt_outcome::malformed)
    return malformed(response, result.error);
  return result;
}

attempt_result http_classification::malformed(const http_response& response,
                                              const std::string& what) const {
  attempt_result result;
  result.outcome = attempt_outcome::malformed;
  result.error = heading(response, {}) + ": malformed response (" + what + "); body: " +
                 (response.body.empty() ? std::string{"(empty)"} : quote(response.body));
  return result;
}

attempt_result http_classification::error_status(const http_response& response,
                                                 const error_body& error,
                                                 clock_time now) const {
  attempt_result result;
  result.outcome = status_outcome(response.status, error);
  result.error = result.outcome == attempt_outcome::auth_failed
                     ? auth_refused(response, error)
                     : describe(response, error);
  auto delay = read_retry_after(response.headers, now);
  if (!delay && response.status == 429)
    delay = read_limit_reset(response.headers);
  if (delay)
    result.retry_after_ms = delay->count();
  return result;
}

std::string http_classification::heading(const http_response& response,
                                         const std::string& code) const {
  auto text = provider_type_ + " " + std::to_string(response.status);
  return code.empty() ? text : text + " " + code;
}

std::string http_classification::describe(const http_response& response,
                                          const error_body& error) const {
  auto message = error.message.empty() ? quote(response.body) : error.message;
  auto text = heading(response, error.code);
  return message.empty() ? text : text + ": " + message;
}

std::string http_classification::auth_refused(const http_response& response,
                                              const error_body& error) const {
  // The provider's own message is left out: some quote part of the key.
  auto key = api_key_env_.empty() ? std::string{"the API key"}
                                  : "the API key from env var " + api_key_env_;
  return heading(response, error.code) + ": " + key + " was refused";
}

} // namespace troupe

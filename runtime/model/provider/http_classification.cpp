#include "runtime/model/provider/http_classification.hpp"

#include "runtime/model/provider/rate_limit_headers.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <cctype>
#include <sstream>
#include <utility>

namespace troupe {

namespace {

using clock_time = std::chrono::system_clock::time_point;

/// How much of a body an error quotes: enough to recognise an HTML page or
/// a cut-off answer, short enough for one log line.
constexpr std::size_t quoted_bytes = 200;

/// More tokens than any model reads or writes in one call (ten times the
/// largest context window there is): a count above it is garbage, and
/// capping it keeps sums and prices far from overflow.
constexpr int64_t most_tokens = 100'000'000;

/// Added to a too_large transport failure: what to check.
constexpr std::string_view too_large_hint =
    "; no model answer is this large: an endless stream, or a base_url that is not "
    "the API? (the provider's max_response_mb sets the body cap)";

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

std::string quoted_body(std::string_view body) {
  return body.empty() ? std::string{"(empty)"} : quote(body);
}

std::string trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return {};
  auto last = text.find_last_not_of(" \t");
  return std::string{text.substr(first, last - first + 1)};
}

/// The media type of the Content-Type header, lower case, without
/// parameters ("text/html"); empty when the header is missing.
std::string media_type(const std::map<std::string, std::string>& headers) {
  auto found = headers.find("content-type");
  if (found == headers.end())
    return {};
  return lower(trim(std::string_view{found->second}.substr(0, found->second.find(';'))));
}

/// application/json, text/json and the +json types (problem+json, ...).
bool is_json_type(const std::string& type) {
  constexpr std::string_view suffix = "+json";
  return type == "application/json" || type == "text/json" ||
         (type.size() > suffix.size() &&
          type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0);
}

/// The parser lets invalid UTF-8 through: classify() replaces it.
boost::json::parse_options lenient_utf8() {
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;
  return options;
}

/// A value as an error message shows it: a number itself, else its kind.
std::string shown(const boost::json::value& value) {
  if (value.is_int64())
    return std::to_string(value.get_int64());
  if (value.is_uint64())
    return std::to_string(value.get_uint64());
  if (value.is_double()) {
    std::ostringstream text;
    text << value.get_double();
    return text.str();
  }
  return load_context::kind_name(value);
}

/// The count at `key` of `usage` into `count`; what is wrong with it when it
/// cannot be a token count, else empty.
std::string read_count(const boost::json::value& usage, std::string_view key,
                       int64_t& count) {
  const auto* object = usage.if_object();
  const auto* value = object == nullptr ? nullptr : object->if_contains(key);
  if (value == nullptr || value->is_null())
    return {};
  if (value->is_int64() && value->get_int64() >= 0 && value->get_int64() <= most_tokens) {
    count = value->get_int64();
    return {};
  }
  return "usage." + std::string{key} + " is " + shown(*value) +
         ", not a token count from 0 to " + std::to_string(most_tokens);
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
    return {attempt_outcome::wrong_endpoint, "answer too large"};
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
  for (auto* text :
       {&result.text, &result.error, &result.response_model, &result.finish_reason})
    *text = utf8_sanitize(*text);
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

std::string http_classification::read_usage(const boost::json::value& usage,
                                            std::string_view input_key,
                                            std::string_view output_key,
                                            attempt_result& result) {
  if (!usage.is_null() && !usage.is_object())
    return "usage is " + load_context::kind_name(usage) + ", not an object";
  auto wrong = read_count(usage, input_key, result.input_tokens);
  return wrong.empty() ? read_count(usage, output_key, result.output_tokens) : wrong;
}

std::string http_classification::finish_hint(const std::string& finish_reason) {
  if (finish_reason.empty())
    return {};
  if (finish_reason == "length")
    return "; the model stopped at max_tokens before writing any text: raise max_tokens";
  auto named = " (finish_reason " + finish_reason + ")";
  if (finish_reason == "tool_calls" || finish_reason == "tool_use")
    return "; the model asked to call a tool" + named + ", but Troupe offers none";
  if (finish_reason == "content_filter" || finish_reason == "refusal")
    return "; the provider's filter or the model refused to answer" + named;
  return "; finish_reason " + finish_reason;
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
  auto body = boost::json::parse(response.body, ec, {}, lenient_utf8());
  if (response.status >= 200 && response.status < 300)
    return ec ? unreadable(response, ec) : success(response, body);
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
  if (response.failure == http_failure::too_large)
    result.error += too_large_hint;
  return result;
}

attempt_result http_classification::success(const http_response& response,
                                            const boost::json::value& body) const {
  auto result = read_success_(body);
  // An empty text is no answer an agent can use; another try may give one.
  if (result.outcome == attempt_outcome::ok && result.text.empty())
    result = wrong_shape("no answer text" + finish_hint(result.finish_reason));
  if (result.outcome == attempt_outcome::malformed)
    return malformed(response, result.error);
  return result;
}

attempt_result
http_classification::unreadable(const http_response& response,
                                const boost::system::error_code& ec) const {
  auto type = media_type(response.headers);
  // JSON cut off or garbled on the way; a server that names no type gets the
  // benefit of the doubt.
  if (type.empty() || is_json_type(type))
    return malformed(response, "not JSON: " + ec.message());
  return not_an_answer(response, "the answer is " + type +
                                     ", not JSON: a captive portal, a proxy's error "
                                     "page or a base_url that is not the API?");
}

attempt_result http_classification::malformed(const http_response& response,
                                              const std::string& what) const {
  attempt_result result;
  result.outcome = attempt_outcome::malformed;
  result.error = heading(response, {}) + ": malformed response (" + what +
                 "); body: " + quoted_body(response.body);
  return result;
}

attempt_result http_classification::not_an_answer(const http_response& response,
                                                  const std::string& what) const {
  attempt_result result;
  result.outcome = attempt_outcome::wrong_endpoint;
  result.error = heading(response, {}) + ": no API answer (" + what +
                 "); body: " + quoted_body(response.body);
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

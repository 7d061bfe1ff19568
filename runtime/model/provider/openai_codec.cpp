#include "runtime/model/provider/openai_codec.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <utility>

namespace troupe {

namespace {

std::string endpoint(std::string base_url) {
  while (!base_url.empty() && base_url.back() == '/')
    base_url.pop_back();
  return base_url + "/chat/completions";
}

/// OpenAI's reasoning models (o1, o3, o4-mini, gpt-5...) refuse max_tokens
/// and any temperature but the default; they take max_completion_tokens.
/// Other OpenAI-compatible servers know only max_tokens.
bool is_reasoning_model(const std::string& model) {
  for (const char* prefix : {"o1", "o3", "o4", "gpt-5"})
    if (model.rfind(prefix, 0) == 0)
      return true;
  return false;
}

/// The response_format field for `request`, if it asks for JSON. A schema
/// that does not parse falls back to a plain JSON object.
std::optional<boost::json::object> response_format_of(const model_request& request) {
  if (request.response_format == "json_schema") {
    boost::json::error_code ec;
    auto schema = boost::json::parse(request.response_schema, ec);
    if (!ec && schema.is_object())
      return boost::json::object{
          {"type", "json_schema"},
          {"json_schema", boost::json::object{{"name", "response"}, {"schema", schema}}}};
  }
  if (request.response_format == "json_object" ||
      request.response_format == "json_schema")
    return boost::json::object{{"type", "json_object"}};
  return std::nullopt;
}

boost::json::object body_of(const model_request& request) {
  boost::json::array messages;
  for (const auto& message : request.messages)
    messages.push_back(
        boost::json::object{{"role", message.role}, {"content", message.content}});
  boost::json::object body{{"model", request.model}, {"messages", std::move(messages)}};
  if (is_reasoning_model(request.model)) {
    body["max_completion_tokens"] = request.max_tokens;
  } else {
    body["max_tokens"] = request.max_tokens;
    body["temperature"] = request.temperature;
  }
  if (auto format = response_format_of(request))
    body["response_format"] = std::move(*format);
  return body;
}

/// What is wrong with a message's content that is no string: missing, null
/// (with the model's refusal, if it gave one) or of another type.
std::string content_problem(const boost::json::value& message,
                            const std::string& finish_reason) {
  const auto& content = value_at(message, "content");
  if (!content.is_null())
    return "choices[0].message.content is " + load_context::kind_name(content) +
           ", not a string";
  auto refusal = string_at(message, "refusal");
  auto problem = message.as_object().contains("content")
                     ? std::string{"choices[0].message.content is null"}
                     : std::string{"choices[0].message has no content"};
  if (!refusal.empty())
    problem += "; the model refused: " + refusal;
  return problem + http_classification::finish_hint(finish_reason);
}

attempt_result read_completion(const boost::json::value& body) {
  const auto& choices = value_at(body, "choices");
  if (!choices.is_null() && !choices.is_array())
    return http_classification::wrong_shape(
        "choices is " + load_context::kind_name(choices) + ", not an array");
  if (choices.is_null() || choices.as_array().empty())
    return http_classification::wrong_shape("no choices");
  const auto& choice = choices.as_array().front();
  const auto& message = value_at(choice, "message");
  if (!message.is_object())
    return http_classification::wrong_shape(
        "choices[0].message is " + load_context::kind_name(message) + ", not an object");
  attempt_result result;
  result.finish_reason = string_at(choice, "finish_reason");
  const auto& content = value_at(message, "content");
  if (!content.is_string())
    return http_classification::wrong_shape(
        content_problem(message, result.finish_reason));
  result.text = text_of(content);
  result.response_model = string_at(body, "model");
  auto wrong = http_classification::read_usage(value_at(body, "usage"), "prompt_tokens",
                                               "completion_tokens", result);
  if (!wrong.empty())
    return http_classification::wrong_shape(wrong);
  return result;
}

http_classification::error_body read_error(const boost::json::value& body) {
  const auto& error = value_at(body, "error");
  // Ollama answers {"error": "model 'x' not found"}.
  if (error.is_string())
    return {{}, text_of(error)};
  // vLLM puts message, type and code at the top level.
  const auto& envelope = error.is_object() ? error : body;
  // llama.cpp's code is the HTTP status again; its type says more.
  auto code = string_at(envelope, "code");
  if (code.empty())
    code = string_at(envelope, "type");
  return {code, string_at(envelope, "message")};
}

} // namespace

openai_codec::openai_codec(std::string api_key_env)
    : classification_("openai", std::move(api_key_env), read_completion, read_error) {}

http_request openai_codec::encode(const model_request& request,
                                  const provider_spec& provider,
                                  const std::string& api_key) const {
  http_request http;
  http.url = endpoint(provider.base_url);
  http.headers.emplace_back("Content-Type", "application/json");
  // Local servers (llama.cpp, Ollama, vLLM) usually need no key.
  if (!api_key.empty())
    http.headers.emplace_back("Authorization", "Bearer " + api_key);
  http.headers.insert(http.headers.end(), provider.headers.begin(),
                      provider.headers.end());
  http.body = boost::json::serialize(body_of(request));
  http.timeout = provider.timeout;
  http.max_response_bytes = provider.max_response_bytes;
  return http;
}

attempt_result openai_codec::decode(const http_response& response) const {
  return classification_.classify(response, std::chrono::system_clock::now());
}

} // namespace troupe

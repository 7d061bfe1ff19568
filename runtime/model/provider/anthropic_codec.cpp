#include "runtime/model/provider/anthropic_codec.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <string_view>
#include <utility>

namespace troupe {

namespace {

/// Anthropic has no JSON mode; asking in the system prompt comes closest.
constexpr std::string_view json_instruction =
    "Answer with one JSON object only: no text before or after it and no Markdown "
    "code fences.";

std::string endpoint(std::string base_url) {
  while (!base_url.empty() && base_url.back() == '/')
    base_url.pop_back();
  return base_url + "/messages";
}

void append_paragraph(std::string& text, std::string_view paragraph) {
  if (!text.empty())
    text += "\n\n";
  text += paragraph;
}

/// The API takes the system prompt apart from the turns.
std::string system_prompt(const model_request& request) {
  std::string system;
  for (const auto& message : request.messages)
    if (message.role == "system")
      append_paragraph(system, message.content);
  // The Messages API has no JSON mode: the instruction asks for it.
  if (request.response_format == "json_object" ||
      request.response_format == "json_schema")
    append_paragraph(system, json_instruction);
  if (request.response_format == "json_schema" && !request.response_schema.empty())
    append_paragraph(system, "The object must follow this JSON Schema:\n" +
                                 request.response_schema);
  return system;
}

boost::json::object body_of(const model_request& request) {
  boost::json::array messages;
  for (const auto& message : request.messages)
    if (message.role != "system")
      messages.push_back(
          boost::json::object{{"role", message.role}, {"content", message.content}});
  boost::json::object body{{"model", request.model},
                           {"max_tokens", request.max_tokens},
                           {"temperature", request.temperature},
                           {"messages", std::move(messages)}};
  auto system = system_prompt(request);
  if (!system.empty())
    body["system"] = system;
  return body;
}

/// Stop reasons in OpenAI's words, which the router understands.
std::string finish_reason(const std::string& stop_reason) {
  if (stop_reason == "end_turn")
    return "stop";
  if (stop_reason == "max_tokens")
    return "length";
  return stop_reason;
}

/// The text of the content blocks, joined. Blocks of other types (tool_use,
/// thinking, types yet to come) are skipped: Troupe asks for text only.
attempt_result read_message(const boost::json::value& body) {
  const auto& content = value_at(body, "content");
  if (content.is_null())
    return http_classification::wrong_shape("no content array");
  if (!content.is_array())
    return http_classification::wrong_shape(
        "content is " + load_context::kind_name(content) + ", not an array");
  attempt_result result;
  const auto& blocks = content.as_array();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (string_at(blocks[i], "type") != "text")
      continue;
    const auto& text = value_at(blocks[i], "text");
    if (!text.is_string())
      return http_classification::wrong_shape(
          "content[" + std::to_string(i) + "].text is " + load_context::kind_name(text) +
          ", not a string");
    result.text += text_of(text);
  }
  result.finish_reason = finish_reason(string_at(body, "stop_reason"));
  result.response_model = string_at(body, "model");
  auto wrong = http_classification::read_usage(value_at(body, "usage"), "input_tokens",
                                               "output_tokens", result);
  if (!wrong.empty())
    return http_classification::wrong_shape(wrong);
  return result;
}

http_classification::error_body read_error(const boost::json::value& body) {
  const auto& error = value_at(body, "error");
  return {string_at(error, "type"), string_at(error, "message")};
}

} // namespace

anthropic_codec::anthropic_codec(std::string api_key_env)
    : classification_("anthropic", std::move(api_key_env), read_message, read_error) {}

http_request anthropic_codec::encode(const model_request& request,
                                     const provider_spec& provider,
                                     const std::string& api_key) const {
  http_request http;
  http.url = endpoint(provider.base_url);
  http.headers.emplace_back("content-type", "application/json");
  // Proxies in front of the API may hold the key themselves.
  if (!api_key.empty())
    http.headers.emplace_back("x-api-key", api_key);
  http.headers.emplace_back("anthropic-version", provider.anthropic_version);
  http.headers.insert(http.headers.end(), provider.headers.begin(),
                      provider.headers.end());
  http.body = boost::json::serialize(body_of(request));
  http.timeout = provider.timeout;
  http.max_response_bytes = provider.max_response_bytes;
  return http;
}

attempt_result anthropic_codec::decode(const http_response& response) const {
  return classification_.classify(response, std::chrono::system_clock::now());
}

} // namespace troupe

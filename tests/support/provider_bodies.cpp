#include "tests/support/provider_bodies.hpp"

#include <boost/json.hpp>

namespace troupe::test {

std::string openai_chat_body(const std::string& content, int prompt_tokens,
                             int completion_tokens, const std::string& finish_reason,
                             const std::string& model) {
  boost::json::object message{{"role", "assistant"}, {"content", content}};
  boost::json::object choice{
      {"index", 0}, {"message", std::move(message)}, {"finish_reason", finish_reason}};
  boost::json::object usage{{"prompt_tokens", prompt_tokens},
                            {"completion_tokens", completion_tokens},
                            {"total_tokens", prompt_tokens + completion_tokens}};
  boost::json::object body{{"id", "chatcmpl-fake"},
                           {"object", "chat.completion"},
                           {"created", 1700000000},
                           {"model", model},
                           {"choices", boost::json::array{std::move(choice)}},
                           {"usage", std::move(usage)}};
  return boost::json::serialize(body);
}

std::string anthropic_message_body(const std::string& text, int input_tokens,
                                   int output_tokens, const std::string& stop_reason,
                                   const std::string& model) {
  boost::json::object block{{"type", "text"}, {"text", text}};
  boost::json::object usage{{"input_tokens", input_tokens},
                            {"output_tokens", output_tokens}};
  boost::json::object body{{"id", "msg_fake"},
                           {"type", "message"},
                           {"role", "assistant"},
                           {"model", model},
                           {"content", boost::json::array{std::move(block)}},
                           {"stop_reason", stop_reason},
                           {"stop_sequence", nullptr},
                           {"usage", std::move(usage)}};
  return boost::json::serialize(body);
}

std::string openai_error_body(const std::string& type, const std::string& code,
                              const std::string& message) {
  boost::json::object error{
      {"message", message}, {"type", type}, {"param", nullptr}, {"code", code}};
  return boost::json::serialize(boost::json::object{{"error", std::move(error)}});
}

std::string anthropic_error_body(const std::string& type, const std::string& message) {
  boost::json::object error{{"type", type}, {"message", message}};
  return boost::json::serialize(
      boost::json::object{{"type", "error"}, {"error", std::move(error)}});
}

} // namespace troupe::test

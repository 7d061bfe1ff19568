#pragma once

// Response bodies shaped like the real providers' JSON, for the fake HTTP
// server to send: a chat completion (OpenAI), a message (Anthropic) and each
// provider's error envelope.

#include <string>

namespace troupe::test {

/// An OpenAI chat.completion with one choice holding `content`.
std::string openai_chat_body(const std::string& content, int prompt_tokens,
                             int completion_tokens,
                             const std::string& finish_reason = "stop",
                             const std::string& model = "fake-model");

/// An Anthropic message with one text block holding `text`.
std::string anthropic_message_body(const std::string& text, int input_tokens,
                                   int output_tokens,
                                   const std::string& stop_reason = "end_turn",
                                   const std::string& model = "fake-model");

/// OpenAI's error envelope: {"error": {message, type, param, code}}.
std::string openai_error_body(const std::string& type, const std::string& code,
                              const std::string& message);

/// Anthropic's error envelope: {"type": "error", "error": {type, message}}.
std::string anthropic_error_body(const std::string& type, const std::string& message);

} // namespace troupe::test

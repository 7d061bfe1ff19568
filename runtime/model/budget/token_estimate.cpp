#include "runtime/model/budget/token_estimate.hpp"

namespace troupe {

namespace {

// Chat formats wrap each message in a few tokens (role markers, separators)
// and the whole prompt in a few more; these bounds cover the formats in use.
constexpr int64_t max_message_overhead = 8;
constexpr int64_t max_prompt_overhead = 16;
constexpr int64_t typical_message_overhead = 4;
constexpr int64_t typical_bytes_per_token = 4;

int64_t content_bytes(const model_request& request) {
  int64_t bytes = 0;
  for (const auto& message : request.messages)
    bytes += static_cast<int64_t>(message.content.size());
  return bytes;
}

} // namespace

int64_t max_input_tokens(const model_request& request) {
  // No tokenizer yields more tokens than bytes, so a byte each is a bound.
  int64_t tokens = max_prompt_overhead;
  for (const auto& message : request.messages)
    tokens += static_cast<int64_t>(message.content.size() + message.role.size()) +
              max_message_overhead;
  return tokens;
}

int64_t estimated_input_tokens(const model_request& request) {
  auto messages = static_cast<int64_t>(request.messages.size());
  return (content_bytes(request) + typical_bytes_per_token - 1) /
             typical_bytes_per_token +
         typical_message_overhead * messages;
}

} // namespace troupe

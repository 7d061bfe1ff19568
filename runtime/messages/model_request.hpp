#pragma once

#include "runtime/messages/chat_message.hpp"

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// An agent asks the model router for a completion. `operation` names what
/// is asked (summarize, analyze, refine, chat) so offline models and traces
/// can tell requests apart; `response_format` is "text", "json_object" or
/// "json_schema" (then `response_schema` holds the JSON Schema, as text).
struct model_request {
  std::string run_id;
  std::string agent_id;
  std::string parent_span;
  std::string route;
  std::string model; // filled in by the router from the route
  std::string operation;
  std::vector<chat_message> messages;
  int32_t max_tokens = 1024;
  double temperature = 0.0;
  std::string response_format = "text";
  std::string response_schema;
  std::string prompt_version;
  std::string prompt_hash;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, model_request& x) {
  return f(caf::meta::type_name("model_request"), x.run_id, x.agent_id, x.parent_span,
           x.route, x.model, x.operation, x.messages, x.max_tokens, x.temperature,
           x.response_format, x.response_schema, x.prompt_version, x.prompt_hash);
}

} // namespace troupe

#pragma once

#include "runtime/agent/agent_env.hpp"
#include "runtime/messages/model_request.hpp"
#include "runtime/messages/task.hpp"

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <map>
#include <string>

namespace troupe {

/// What an agent asks of the model besides its prompt.
struct prompt_call {
  std::string operation;
  std::map<std::string, std::string> vars; // the agent's prompt variables
  int32_t max_tokens = 1024;
  std::string response_format = "json_object";
};

/// Renders the agent's prompt template for `t` and wraps it in a model
/// request on the agent's route, tagged with the template's version and hash.
/// `{{inputs.NAME}}` reads the run inputs; other names read `call.vars`.
caf::expected<model_request> make_prompt_request(const agent_env& env, const task& t,
                                                 const prompt_call& call);

/// The JSON object in a model's answer. Tolerates the code fences and chatter
/// real models put around JSON; fails with errc::malformed_answer, quoting
/// the start of the answer, when there is no object to parse.
caf::expected<boost::json::object> parse_json_answer(const std::string& text);

} // namespace troupe

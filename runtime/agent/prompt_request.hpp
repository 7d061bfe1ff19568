#pragma once

#include "runtime/agent/agent_env.hpp"
#include "runtime/messages/model_request.hpp"
#include "runtime/messages/task.hpp"
#include "troupe/agent.hpp"

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <string>

namespace troupe {

/// The model request for `prompt`, asked by the agent of `env` for task `t`.
/// With a prompt template, the template is rendered: `{{inputs.NAME}}` reads
/// the run inputs, other names `prompt.vars`; without one, `prompt.messages`
/// are sent. Tagged with the template's version and hash.
caf::expected<model_request> make_model_request(const agent_env& env, const task& t,
                                                const model_prompt& prompt);

/// The JSON object in a model's answer. Tolerates the code fences and chatter
/// real models put around JSON; fails with errc::malformed_answer, quoting
/// the start of the answer, when there is no object to parse.
caf::expected<boost::json::object> parse_json_answer(const std::string& text);

} // namespace troupe

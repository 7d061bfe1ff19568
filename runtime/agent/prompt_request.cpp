#include "runtime/agent/prompt_request.hpp"

#include "runtime/errors.hpp"

namespace troupe {

namespace {

caf::expected<std::string> render_prompt(const agent_env& env,
                                         const model_prompt& prompt) {
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (name.substr(0, 7) == "inputs.") {
      auto i = env.run_inputs.find(name.substr(7));
      if (i == env.run_inputs.end())
        return std::nullopt;
      if (const auto* s = i->value().if_string())
        return std::string{s->c_str()};
      return boost::json::serialize(i->value());
    }
    auto i = prompt.vars.find(std::string{name});
    return i == prompt.vars.end() ? std::nullopt : std::optional<std::string>{i->second};
  };
  auto text = env.spec.prompt->render(lookup);
  if (!text)
    return make_error(errc::invalid_input,
                      "agent '" + env.spec.id + "': " + describe(text.error()));
  return text;
}

/// The messages of the request: the rendered template, or the agent's own.
caf::error add_messages(const agent_env& env, const model_prompt& prompt,
                        model_request& req) {
  if (!env.spec.prompt) {
    if (prompt.messages.empty())
      return make_error(errc::invalid_input, "agent '" + env.spec.id +
                                                 "' has no prompt template in the "
                                                 "scenario and asked with no messages");
    for (const auto& [role, content] : prompt.messages)
      req.messages.push_back({role, content});
    return {};
  }
  auto text = render_prompt(env, prompt);
  if (!text)
    return text.error();
  req.messages.push_back({"system", "You are the '" + env.spec.id + "' agent (" +
                                        env.spec.type +
                                        ") of a multi-agent workflow. Follow the "
                                        "instructions exactly and answer only in the "
                                        "requested format."});
  req.messages.push_back({"user", std::move(*text)});
  req.prompt_version = env.spec.prompt->version();
  req.prompt_hash = env.spec.prompt->hash();
  return {};
}

std::string response_format_of(const model_prompt& prompt) {
  if (!prompt.json)
    return "text";
  return prompt.schema.is_null() ? "json_object" : "json_schema";
}

} // namespace

caf::expected<model_request> make_model_request(const agent_env& env, const task& t,
                                                const model_prompt& prompt) {
  model_request req;
  req.run_id = t.run_id;
  req.agent_id = env.spec.id;
  req.parent_span = t.span_id;
  req.route = prompt.route.empty() ? env.spec.route : prompt.route;
  req.operation = prompt.operation;
  if (auto err = add_messages(env, prompt, req))
    return err;
  req.max_tokens = prompt.max_tokens;
  req.response_format = response_format_of(prompt);
  if (!prompt.schema.is_null())
    req.response_schema = boost::json::serialize(prompt.schema);
  return req;
}

caf::expected<boost::json::object> parse_json_answer(const std::string& text) {
  auto first = text.find('{');
  auto last = text.rfind('}');
  auto quote = [&] { return text.size() > 120 ? text.substr(0, 120) + "..." : text; };
  if (first == std::string::npos || last == std::string::npos || last < first)
    return make_error(errc::malformed_answer,
                      "the model answered without a JSON object: \"" + quote() + "\"");
  boost::system::error_code ec;
  auto value = boost::json::parse(text.substr(first, last - first + 1), ec);
  if (ec || !value.is_object())
    return make_error(errc::malformed_answer, "the model's JSON answer does not parse (" +
                                                  ec.message() + "): \"" + quote() +
                                                  "\"");
  return std::move(value.as_object());
}

} // namespace troupe

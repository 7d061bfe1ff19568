#include "runtime/agent/prompt_request.hpp"

#include "runtime/errors.hpp"

namespace troupe {

caf::expected<model_request> make_prompt_request(const agent_env& env, const task& t,
                                                 const prompt_call& call) {
  if (!env.spec.prompt)
    return make_error(errc::invalid_input, "agent '" + env.spec.id + "' has no prompt");
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (name.substr(0, 7) == "inputs.") {
      auto i = env.run_inputs.find(name.substr(7));
      if (i == env.run_inputs.end())
        return std::nullopt;
      if (const auto* s = i->value().if_string())
        return std::string{s->c_str()};
      return boost::json::serialize(i->value());
    }
    auto i = call.vars.find(std::string{name});
    return i == call.vars.end() ? std::nullopt : std::optional<std::string>{i->second};
  };
  auto text = env.spec.prompt->render(lookup);
  if (!text)
    return make_error(errc::invalid_input,
                      "agent '" + env.spec.id + "': " + describe(text.error()));
  model_request req;
  req.run_id = t.run_id;
  req.agent_id = env.spec.id;
  req.parent_span = t.span_id;
  req.route = env.spec.route;
  req.operation = call.operation;
  req.messages.push_back({"system", "You are the '" + env.spec.id + "' agent (" +
                                        env.spec.type +
                                        ") of a multi-agent workflow. Follow the "
                                        "instructions exactly and answer only in the "
                                        "requested format."});
  req.messages.push_back({"user", std::move(*text)});
  req.max_tokens = call.max_tokens;
  req.response_format = call.response_format;
  req.prompt_version = env.spec.prompt->version();
  req.prompt_hash = env.spec.prompt->hash();
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

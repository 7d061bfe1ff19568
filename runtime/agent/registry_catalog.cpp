#include "runtime/agent/registry_catalog.hpp"

#include "runtime/agent/agent_host.hpp"

namespace troupe {

namespace {

std::vector<std::string> required_keys(const boost::json::value& shape) {
  std::vector<std::string> out;
  if (const auto* obj = shape.if_object())
    for (const auto& kv : *obj)
      if (!kv.key().empty() && kv.key().back() != '?')
        out.emplace_back(kv.key());
  return out;
}

} // namespace

agent_type agent_type_of(agent_info info, agent_maker make) {
  agent_type t;
  t.name = std::move(info.name);
  t.description = std::move(info.description);
  t.required_inputs = required_keys(info.input);
  t.prompt_variables = std::move(info.prompt_variables);
  t.tool_params = std::move(info.tool_params);
  t.needs_prompt = info.needs_prompt;
  t.needs_route = info.uses_model;
  t.input_shape = std::move(info.input);
  t.output_shape = std::move(info.output);
  if (info.output_for_params)
    t.output_shape_for = [f = std::move(info.output_for_params)](const agent_spec& spec) {
      return f(spec.params);
    };
  t.prompt_reads_inputs = info.prompt_reads_inputs;
  t.check_params = std::move(info.check_params);
  t.factory = [make = std::move(make)](caf::actor_system& sys, agent_env env) {
    return sys.spawn(agent_host, std::move(env), make);
  };
  return t;
}

void registry_catalog::add(agent_info info, agent_maker make) {
  registry_.add(agent_type_of(std::move(info), std::move(make)));
}

} // namespace troupe

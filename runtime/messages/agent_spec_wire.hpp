#pragma once

// How an agent's spec crosses to a `troupe node`: its prompt as text and
// version, parsed again on arrival (a prompt_template keeps its parsed
// pieces private), and its params as JSON text. The placement stays home:
// a node does not place agents.

#include "runtime/messages/json_text.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>

namespace troupe {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, agent_spec& x) {
  bool has_prompt = false;
  std::string prompt_text;
  std::string prompt_version;
  boost::json::value params;
  if constexpr (Inspector::reads_state) {
    has_prompt = x.prompt.has_value();
    if (has_prompt) {
      prompt_text = x.prompt->text();
      prompt_version = x.prompt->version();
    }
    params = x.params;
  }
  auto load = caf::meta::load_callback([&]() -> caf::error {
    if (!params.is_object())
      return caf::make_error(caf::sec::invalid_argument,
                             "agent params are not an object");
    x.params = std::move(params.as_object());
    x.prompt.reset();
    if (!has_prompt)
      return caf::none;
    auto prompt =
        prompt_template::parse(std::move(prompt_text), std::move(prompt_version));
    if (!prompt)
      return prompt.error();
    x.prompt = std::move(*prompt);
    return caf::none;
  });
  return f(caf::meta::type_name("agent_spec"), x.id, x.type, x.route, has_prompt,
           prompt_text, prompt_version, x.prompt_source, json_text{&params}, load);
}

} // namespace troupe

#include "cli/agents_command.hpp"

#include "agents/builtin_agents.hpp"
#include "cli/exit_codes.hpp"
#include "runtime/agent/plugin_loader.hpp"
#include "runtime/errors.hpp"
#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/json_shape.hpp"

#include <cstdio>

namespace troupe {

namespace {

std::string shape_text(const boost::json::value& shape) {
  return shape.is_null() ? "(not declared)" : json_shape::to_text(shape, 400);
}

void print_type(const agent_type& t) {
  std::printf("%s\n  %s\n", t.name.c_str(), t.description.c_str());
  std::printf("  input:  %s\n", shape_text(t.input_shape).c_str());
  std::printf("  output: %s\n", t.output_shape_for ? "(from its params)"
                                                   : shape_text(t.output_shape).c_str());
  if (t.needs_route)
    std::printf("  calls a model: takes a \"route\"%s\n",
                t.needs_prompt ? " and a \"prompt\"" : "");
  if (!t.prompt_variables.empty())
    std::printf("  prompt variables: %s\n", join_names(t.prompt_variables).c_str());
  if (t.prompt_reads_inputs)
    std::printf("  prompt variables: the task's inputs, by name\n");
  if (!t.tool_params.empty())
    std::printf("  tool params: %s\n", join_names(t.tool_params).c_str());
}

} // namespace

int agents_command(const command_line& cl) {
  agent_registry agents;
  register_builtin_agents(agents);
  plugin_loader plugins{agents};
  for (const auto& path : cl.plugins)
    if (auto names = plugins.load(path); !names) {
      std::fprintf(stderr, "troupe: %s\n", describe(names.error()).c_str());
      return exit_invalid_input;
    }
  auto names = agents.names();
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0)
      std::printf("\n");
    print_type(*agents.find(names[i]));
  }
  return exit_ok;
}

} // namespace troupe

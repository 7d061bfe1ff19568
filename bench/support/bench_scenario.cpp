#include "bench/support/bench_scenario.hpp"

#include "agents/builtin_agents.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "tools/builtin_tools.hpp"

#include <stdexcept>

namespace troupe::bench {

bench_scenario::bench_scenario(const std::string& file) {
  register_builtin_agents(agents);
  register_builtin_tools(tools);
  auto loaded = scenario_loader{agents, tools}.load_file(file);
  if (!loaded.spec)
    throw std::runtime_error(
        file + ": " +
        (loaded.errors.empty() ? "cannot load" : loaded.errors.front().to_string()));
  spec = std::move(*loaded.spec);
}

} // namespace troupe::bench

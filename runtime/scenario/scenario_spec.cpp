#include "runtime/scenario/scenario_spec.hpp"

#include <algorithm>

namespace troupe {

const agent_spec* scenario_spec::find_agent(const std::string& id) const {
  auto i = std::find_if(agents.begin(), agents.end(),
                        [&](const agent_spec& a) { return a.id == id; });
  return i == agents.end() ? nullptr : &*i;
}

const step_spec* scenario_spec::find_step(const std::string& id) const {
  auto i = step_index(id);
  return i < 0 ? nullptr : &flow[static_cast<size_t>(i)];
}

int scenario_spec::step_index(const std::string& id) const {
  auto i = std::find_if(flow.begin(), flow.end(),
                        [&](const step_spec& s) { return s.id == id; });
  return i == flow.end() ? -1 : static_cast<int>(i - flow.begin());
}

} // namespace troupe

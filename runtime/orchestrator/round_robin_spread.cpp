#include "runtime/orchestrator/round_robin_spread.hpp"

#include "runtime/orchestrator/spread_rotation.hpp"

namespace troupe {

std::optional<std::size_t>
round_robin_spread::pick(const std::vector<instance_load>& instances) {
  auto index = next_up_after(instances, last_, [](const instance_load&) { return true; });
  if (index)
    last_ = index;
  return index;
}

} // namespace troupe

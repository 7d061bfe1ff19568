#include "runtime/orchestrator/least_loaded_spread.hpp"

#include "runtime/orchestrator/spread_rotation.hpp"

#include <algorithm>

namespace troupe {

std::optional<std::size_t>
least_loaded_spread::pick(const std::vector<instance_load>& instances) {
  std::optional<int> fewest;
  for (const auto& instance : instances)
    if (instance.up)
      fewest = fewest ? std::min(*fewest, instance.in_flight) : instance.in_flight;
  if (!fewest)
    return std::nullopt;
  auto index = next_up_after(instances, last_, [&](const instance_load& instance) {
    return instance.in_flight == *fewest;
  });
  last_ = index;
  return index;
}

} // namespace troupe

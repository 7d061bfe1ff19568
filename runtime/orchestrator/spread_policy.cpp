#include "runtime/orchestrator/spread_policy.hpp"

#include "runtime/orchestrator/least_loaded_spread.hpp"
#include "runtime/orchestrator/round_robin_spread.hpp"

namespace troupe {

std::unique_ptr<spread_policy> make_spread_policy(const std::string& name) {
  if (name == "round_robin")
    return std::make_unique<round_robin_spread>();
  if (name == "least_loaded")
    return std::make_unique<least_loaded_spread>();
  return nullptr;
}

const std::vector<std::string>& spread_policy_names() {
  static const std::vector<std::string> names{"round_robin", "least_loaded"};
  return names;
}

} // namespace troupe

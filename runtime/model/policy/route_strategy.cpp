#include "runtime/model/policy/route_strategy.hpp"

#include "runtime/model/policy/cheapest_strategy.hpp"
#include "runtime/model/policy/fallback_strategy.hpp"
#include "runtime/model/policy/score_strategy.hpp"
#include "runtime/model/policy/weighted_strategy.hpp"

namespace troupe {

std::unique_ptr<route_strategy> make_route_strategy(const route_spec& route) {
  if (route.strategy == "fallback")
    return std::make_unique<fallback_strategy>();
  if (route.strategy == "weighted")
    return std::make_unique<weighted_strategy>();
  if (route.strategy == "cheapest")
    return std::make_unique<cheapest_strategy>();
  if (route.strategy == "score")
    return std::make_unique<score_strategy>(route.exploration);
  return nullptr;
}

} // namespace troupe

#include "runtime/model/policy/cheapest_strategy.hpp"

#include <algorithm>

namespace troupe {

std::vector<std::size_t> cheapest_strategy::order(const std::vector<target_view>& targets,
                                                  random_source&) {
  std::vector<const target_view*> fitting;
  for (const auto& t : targets)
    if (t.fits_context)
      fitting.push_back(&t);
  std::sort(fitting.begin(), fitting.end(),
            [](const target_view* a, const target_view* b) {
              if (a->expected_cost_usd != b->expected_cost_usd)
                return a->expected_cost_usd < b->expected_cost_usd;
              return a->index < b->index;
            });
  std::vector<std::size_t> result;
  for (const auto* t : fitting)
    result.push_back(t->index);
  return result;
}

} // namespace troupe

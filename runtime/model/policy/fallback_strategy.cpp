#include "runtime/model/policy/fallback_strategy.hpp"

#include <algorithm>

namespace troupe {

std::vector<std::size_t> fallback_strategy::order(const std::vector<target_view>& targets,
                                                  random_source&) {
  std::vector<const target_view*> sorted;
  for (const auto& t : targets)
    sorted.push_back(&t);
  std::sort(sorted.begin(), sorted.end(), [](const target_view* a, const target_view* b) {
    if (a->fits_context != b->fits_context)
      return a->fits_context;
    return a->index < b->index;
  });
  std::vector<std::size_t> result;
  for (const auto* t : sorted)
    result.push_back(t->index);
  return result;
}

} // namespace troupe

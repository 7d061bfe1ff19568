#include "runtime/model/policy/weighted_strategy.hpp"

#include <algorithm>

namespace troupe {

namespace {

using pool = std::vector<const target_view*>;

double weight_of(const target_view& t) {
  return std::max(0.0, t.spec->weight);
}

/// One draw, each target with probability weight / total; the first target
/// of the pool when no weight is positive.
pool::iterator draw(pool& candidates, random_source& rng) {
  double total = 0;
  for (const auto* t : candidates)
    total += weight_of(*t);
  double rest = rng.uniform() * total;
  auto chosen = candidates.begin();
  for (auto i = candidates.begin(); i != candidates.end(); ++i) {
    double weight = weight_of(**i);
    if (weight <= 0)
      continue;
    // Remembering the last positive target covers a rounding remainder
    // left over after the whole pool.
    chosen = i;
    rest -= weight;
    if (rest < 0)
      break;
  }
  return chosen;
}

void draw_all(pool candidates, random_source& rng, std::vector<std::size_t>& result) {
  while (!candidates.empty()) {
    auto chosen = draw(candidates, rng);
    result.push_back((*chosen)->index);
    candidates.erase(chosen);
  }
}

} // namespace

std::vector<std::size_t> weighted_strategy::order(const std::vector<target_view>& targets,
                                                  random_source& rng) {
  // Route order within each pool makes a seeded draw reproducible.
  pool fitting;
  pool misfits;
  for (const auto& t : targets)
    (t.fits_context ? fitting : misfits).push_back(&t);
  auto by_index = [](const target_view* a, const target_view* b) {
    return a->index < b->index;
  };
  std::sort(fitting.begin(), fitting.end(), by_index);
  std::sort(misfits.begin(), misfits.end(), by_index);
  std::vector<std::size_t> result;
  draw_all(std::move(fitting), rng, result);
  draw_all(std::move(misfits), rng, result);
  return result;
}

} // namespace troupe

#include "runtime/model/policy/score_strategy.hpp"

#include <algorithm>

namespace troupe {

namespace {

// Weight of the newest observation: about the last ten attempts matter,
// recent enough to follow a target's recovery, long enough that a single
// failure does not reorder the route.
constexpr double smoothing = 0.2;

double ewma(double average, double sample) {
  return average + smoothing * (sample - average);
}

/// 1 / (1 + value / mean), or 1 when there is nothing to compare with.
double relative_factor(double value, double mean) {
  return mean > 0 ? 1.0 / (1.0 + value / mean) : 1.0;
}

} // namespace

score_strategy::score_strategy(double exploration) : exploration_(exploration) {}

std::vector<std::size_t> score_strategy::order(const std::vector<target_view>& targets,
                                               random_source& rng) {
  auto score = scores(targets);
  std::vector<const target_view*> sorted;
  for (const auto& t : targets)
    sorted.push_back(&t);
  std::sort(sorted.begin(), sorted.end(),
            [&](const target_view* a, const target_view* b) {
              if (a->fits_context != b->fits_context)
                return a->fits_context;
              if (score[a->index] != score[b->index])
                return score[a->index] > score[b->index];
              return a->index < b->index;
            });
  explore(sorted, rng);
  std::vector<std::size_t> result;
  for (const auto* t : sorted)
    result.push_back(t->index);
  return result;
}

void score_strategy::observe(std::size_t index, bool ok, double latency_ms) {
  auto& s = stats_[index];
  s.success = ewma(s.success, ok ? 1.0 : 0.0);
  // A failure's latency says how fast the target fails, not how fast it
  // answers; it shows in the success rate instead.
  if (ok)
    s.latency_ms = s.latency_ms ? ewma(*s.latency_ms, latency_ms) : latency_ms;
}

std::map<std::size_t, double>
score_strategy::scores(const std::vector<target_view>& targets) const {
  double latency_sum = 0;
  int measured = 0;
  double cost_sum = 0;
  for (const auto& t : targets) {
    if (auto latency = latency_of(t.index)) {
      latency_sum += *latency;
      ++measured;
    }
    cost_sum += t.expected_cost_usd;
  }
  double mean_latency = measured > 0 ? latency_sum / measured : 0.0;
  double mean_cost = targets.empty() ? 0.0 : cost_sum / targets.size();
  std::map<std::size_t, double> result;
  for (const auto& t : targets) {
    double success = success_of(t.index);
    result[t.index] = success * success *
                      relative_factor(latency_of(t.index).value_or(0.0), mean_latency) *
                      relative_factor(t.expected_cost_usd, mean_cost);
  }
  return result;
}

std::optional<double> score_strategy::latency_of(std::size_t index) const {
  auto i = stats_.find(index);
  return i == stats_.end() ? std::nullopt : i->second.latency_ms;
}

double score_strategy::success_of(std::size_t index) const {
  auto i = stats_.find(index);
  return i == stats_.end() ? stats{}.success : i->second.success;
}

void score_strategy::explore(std::vector<const target_view*>& sorted,
                             random_source& rng) const {
  auto fitting = static_cast<std::size_t>(
      std::count_if(sorted.begin(), sorted.end(),
                    [](const target_view* t) { return t->fits_context; }));
  if (fitting < 2 || rng.uniform() >= exploration_)
    return;
  // One of the fitting targets after the best, uniformly; it moves to the
  // front and the others keep their order behind it.
  auto pick = 1 + static_cast<std::size_t>(rng.uniform() * (fitting - 1));
  std::rotate(sorted.begin(), sorted.begin() + pick, sorted.begin() + pick + 1);
}

} // namespace troupe

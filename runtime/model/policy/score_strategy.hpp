#pragma once

#include "runtime/model/policy/route_strategy.hpp"

#include <map>
#include <optional>

namespace troupe {

/// Learns which target serves best and puts it first. Per target it keeps
/// an exponentially weighted success rate s (starting at 1) and latency L of
/// successful attempts (weight 0.2 for the newest observation), and scores
///
///   score = s^2 / ((1 + L / mean_L) * (1 + c / mean_c))
///
/// where c is the request's expected cost at the target and mean_L, mean_c
/// are the means over the targets being ordered (over those with a latency,
/// for mean_L); a factor is 1 when its mean is 0. A target at the average
/// latency and price thus scores s^2 / 4, a much faster or cheaper one up to
/// s^2. The success rate counts twice because a failed try wastes both time
/// and money: it stands for latency per success and price per success. An
/// untried target has no latency yet and counts as L = 0: its score is the
/// highest possible, so each target gets tried.
///
/// Targets go by descending score (ties in route order), those the request
/// does not fit after the others. With probability `exploration` a random
/// other fitting target goes first instead of the best one, so that a target
/// that had a bad spell is measured again.
class score_strategy : public route_strategy {
public:
  explicit score_strategy(double exploration);

  std::vector<std::size_t> order(const std::vector<target_view>& targets,
                                 random_source& rng) override;

  void observe(std::size_t index, bool ok, double latency_ms) override;

private:
  struct stats {
    double success = 1.0;
    std::optional<double> latency_ms; // of successful attempts
  };
  std::map<std::size_t, double> scores(const std::vector<target_view>& targets) const;
  std::optional<double> latency_of(std::size_t index) const;
  double success_of(std::size_t index) const;
  void explore(std::vector<const target_view*>& sorted, random_source& rng) const;

  double exploration_;
  std::map<std::size_t, stats> stats_; // by target index
};

} // namespace troupe

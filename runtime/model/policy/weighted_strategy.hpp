#pragma once

#include "runtime/model/policy/route_strategy.hpp"

namespace troupe {

/// Spreads requests over the targets by `target_spec::weight`: the first
/// target is drawn with probability weight / total among the targets the
/// request fits, the next from those left, and so on, so that failover also
/// follows the weights. Targets the request does not fit are drawn the same
/// way after all the others. A weight of zero or less is never drawn while
/// a target with a positive weight is left; among such targets route order
/// holds.
class weighted_strategy : public route_strategy {
public:
  std::vector<std::size_t> order(const std::vector<target_view>& targets,
                                 random_source& rng) override;
};

} // namespace troupe

#pragma once

#include "runtime/model/policy/route_strategy.hpp"

namespace troupe {

/// The targets the request fits, by ascending expected cost of this
/// request; equal costs keep route order. Targets the request does not fit
/// are left out: they would most likely answer context_length, a try that
/// costs time and tells nothing.
class cheapest_strategy : public route_strategy {
public:
  std::vector<std::size_t> order(const std::vector<target_view>& targets,
                                 random_source& rng) override;
};

} // namespace troupe

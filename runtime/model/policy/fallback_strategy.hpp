#pragma once

#include "runtime/model/policy/route_strategy.hpp"

namespace troupe {

/// The route's own order: the first target is the preferred one, the others
/// are its backups. Targets the request does not fit go last, still in route
/// order, since the context check rests on a token estimate.
class fallback_strategy : public route_strategy {
public:
  std::vector<std::size_t> order(const std::vector<target_view>& targets,
                                 random_source& rng) override;
};

} // namespace troupe

#pragma once

#include "runtime/orchestrator/spread_policy.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace troupe {

/// `placement.spread: "round_robin"`: the next instance that is up after the
/// one picked last, wrapping around; down ones are skipped. The first pick
/// is the first instance that is up.
class round_robin_spread : public spread_policy {
public:
  std::optional<std::size_t> pick(const std::vector<instance_load>& instances) override;

private:
  std::optional<std::size_t> last_;
};

} // namespace troupe

#pragma once

#include "runtime/orchestrator/spread_policy.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace troupe {

/// `placement.spread: "least_loaded"`: the instance that is up with the
/// fewest tasks in flight. Among equally loaded ones, the first after the
/// one picked last in round-robin order, so that equal loads rotate.
class least_loaded_spread : public spread_policy {
public:
  std::optional<std::size_t> pick(const std::vector<instance_load>& instances) override;

private:
  std::optional<std::size_t> last_;
};

} // namespace troupe

#pragma once

#include "runtime/orchestrator/spread_policy.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace troupe {

/// The first instance, in round-robin order starting after `last` (at 0 when
/// nothing was picked yet, or when `last` is past the end), that is up and
/// for which `fits(load)` holds; nothing when there is none. The order the
/// spread policies share, so that their ties rotate the same way.
template <class Fits>
std::optional<std::size_t> next_up_after(const std::vector<instance_load>& instances,
                                         std::optional<std::size_t> last, Fits fits) {
  const auto count = instances.size();
  const std::size_t start = last && *last < count ? (*last + 1) % count : 0;
  for (std::size_t step = 0; step < count; ++step) {
    const auto index = (start + step) % count;
    if (instances[index].up && fits(instances[index]))
      return index;
  }
  return std::nullopt;
}

} // namespace troupe

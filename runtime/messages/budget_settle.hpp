#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>

namespace troupe {

/// Router → budget guard: a reserved call finished; charge what it really
/// used and release the rest. All zeros releases the whole reservation.
struct budget_settle {
  uint64_t reservation = 0;
  double usd = 0.0;
  int64_t tokens = 0;
  int64_t calls = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, budget_settle& x) {
  return f(caf::meta::type_name("budget_settle"), x.reservation, x.usd, x.tokens,
           x.calls);
}

} // namespace troupe

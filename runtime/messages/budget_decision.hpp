#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// The budget guard's answer to a budget_reserve: a reservation to settle
/// later, or a refusal saying which scope's cap it would pass.
struct budget_decision {
  bool granted = false;
  uint64_t reservation = 0;
  std::string scope;   // the refusing scope, when refused
  std::string refusal; // a message a user can act on, when refused
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, budget_decision& x) {
  return f(caf::meta::type_name("budget_decision"), x.granted, x.reservation, x.scope,
           x.refusal);
}

} // namespace troupe

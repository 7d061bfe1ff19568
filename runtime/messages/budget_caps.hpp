#pragma once

#include "runtime/messages/budget_cap.hpp"

#include <caf/meta/type_name.hpp>
#include <string>
#include <vector>

namespace troupe {

/// Sets caps in the budget guard (a run registers its scopes at start).
struct budget_caps {
  std::vector<budget_cap> caps;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, budget_caps& x) {
  return f(caf::meta::type_name("budget_caps"), x.caps);
}

} // namespace troupe

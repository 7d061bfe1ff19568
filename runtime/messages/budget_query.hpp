#pragma once

#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// Asks the budget guard for the books of one scope.
struct budget_query {
  std::string scope;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, budget_query& x) {
  return f(caf::meta::type_name("budget_query"), x.scope);
}

} // namespace troupe

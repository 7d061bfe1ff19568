#pragma once

#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// One cap of one scope: `measure` is "usd", "tokens" or "calls".
struct budget_cap {
  std::string scope;
  std::string measure;
  double value = 0.0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, budget_cap& x) {
  return f(caf::meta::type_name("budget_cap"), x.scope, x.measure, x.value);
}

} // namespace troupe

#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// The books of one scope; a cap of -1 means none.
struct budget_status {
  std::string scope;
  double spent_usd = 0.0;
  int64_t spent_tokens = 0;
  int64_t spent_calls = 0;
  double reserved_usd = 0.0;
  double cap_usd = -1.0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, budget_status& x) {
  return f(caf::meta::type_name("budget_status"), x.scope, x.spent_usd, x.spent_tokens,
           x.spent_calls, x.reserved_usd, x.cap_usd);
}

} // namespace troupe

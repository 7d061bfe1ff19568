#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// Router → budget guard: hold the worst case of one call in every scope
/// (e.g. "run:R", "agent:R/summarize", "provider:openai", "process").
struct budget_reserve {
  std::vector<std::string> scopes;
  double usd = 0.0;
  int64_t tokens = 0;
  int64_t calls = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, budget_reserve& x) {
  return f(caf::meta::type_name("budget_reserve"), x.scopes, x.usd, x.tokens, x.calls);
}

} // namespace troupe

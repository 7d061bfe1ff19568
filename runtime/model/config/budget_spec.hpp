#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace troupe {

/// Caps of one budget scope; an absent cap is no limit.
struct budget_limit {
  std::optional<double> usd;
  std::optional<int64_t> tokens;
  std::optional<int64_t> calls;

  bool empty() const noexcept { return !usd && !tokens && !calls; }
};

/// A scenario's `budget` section: caps per run, per agent id and per
/// provider name. The process scope is set on the command line.
struct budget_spec {
  budget_limit run;
  std::map<std::string, budget_limit> agents;
  std::map<std::string, budget_limit> providers;
};

} // namespace troupe

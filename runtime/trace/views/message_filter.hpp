#pragma once

#include "runtime/trace/recorded_event.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// Which events `troupe trace messages` shows. Each list is "any of"; the
/// lists and the other conditions must all hold. Without kinds, every kind
/// but the per-attempt bookkeeping (model_attempt, budget_reserve,
/// budget_settle) is shown; naming a kind shows it.
struct message_filter {
  std::vector<std::string> agents; // sender, receiver or the agent a call is for
  std::vector<std::string> kinds;
  std::vector<std::string> steps; // the step whose span holds the event
  int64_t since_us = 0;           // from this long after the run started
  std::string grep;               // a substring of the event's JSON line

  /// Whether `e` is shown; `run_start_us` is the zero of `since_us`.
  bool matches(const recorded_event& e, int64_t run_start_us) const;
};

} // namespace troupe

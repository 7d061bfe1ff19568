#pragma once

#include <cstdint>

namespace troupe {

/// An amount of budget: money, tokens (input + output) and calls.
struct budget_amount {
  double usd = 0.0;
  int64_t tokens = 0;
  int64_t calls = 0;
};

} // namespace troupe

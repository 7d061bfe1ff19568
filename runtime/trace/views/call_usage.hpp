#pragma once

#include "runtime/messages/trace_event.hpp"

#include <cstdint>

namespace troupe {

/// Model calls added up: how many, how many the cache answered or failed,
/// their tokens and cost.
struct call_usage {
  int64_t calls = 0;
  int64_t cached = 0;
  int64_t failed = 0;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double usd = 0;

  /// Counts one model_call event.
  void add(const trace_event& call);
};

} // namespace troupe

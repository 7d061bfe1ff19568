#pragma once

#include "runtime/model/config/policy_specs.hpp"

#include <chrono>
#include <string>

namespace troupe {

/// Per-target breaker: closed until `failure_threshold` consecutive
/// failures, then open (requests skip the target without a network call)
/// until `cooldown` has passed, then half-open: one probe goes through; its
/// success closes the breaker, its failure opens it again for a cooldown.
class circuit_breaker {
public:
  using time_point = std::chrono::steady_clock::time_point;
  enum class state { closed, open, half_open };

  explicit circuit_breaker(breaker_spec spec);

  /// May a request go to the target now? In half-open state only one probe
  /// is let through until its outcome is recorded.
  bool allow(time_point now);

  void record_success();
  void record_failure(time_point now);

  /// The state at `now` (open turns half-open once the cooldown passed).
  state current(time_point now) const;

private:
  void open(time_point now);

  breaker_spec spec_;
  // half_open here means the probe is out; an open breaker whose cooldown
  // passed is half-open only as far as current() reports it.
  state state_ = state::closed;
  int failures_ = 0; // consecutive, while closed
  time_point opened_at_{};
};

std::string to_string(circuit_breaker::state s);

} // namespace troupe

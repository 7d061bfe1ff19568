#include "runtime/model/policy/circuit_breaker.hpp"

namespace troupe {

circuit_breaker::circuit_breaker(breaker_spec spec) : spec_(spec) {}

bool circuit_breaker::allow(time_point now) {
  switch (current(now)) {
  case state::closed:
    return true;
  case state::open:
    return false;
  case state::half_open:
    // The first caller after the cooldown becomes the probe; everyone
    // else waits for its outcome.
    if (state_ == state::half_open)
      return false;
    state_ = state::half_open;
    return true;
  }
  return false;
}

void circuit_breaker::record_success() {
  state_ = state::closed;
  failures_ = 0;
}

void circuit_breaker::record_failure(time_point now) {
  bool probe_failed = state_ == state::half_open;
  if (probe_failed || (state_ == state::closed && ++failures_ >= spec_.failure_threshold))
    open(now);
  // Otherwise the breaker is already open: a late failure of a request sent
  // before it opened must not extend the running cooldown.
}

circuit_breaker::state circuit_breaker::current(time_point now) const {
  if (state_ == state::open && now - opened_at_ >= spec_.cooldown)
    return state::half_open;
  return state_;
}

void circuit_breaker::open(time_point now) {
  state_ = state::open;
  opened_at_ = now;
  failures_ = 0;
}

std::string to_string(circuit_breaker::state s) {
  switch (s) {
  case circuit_breaker::state::closed:
    return "closed";
  case circuit_breaker::state::open:
    return "open";
  case circuit_breaker::state::half_open:
    return "half_open";
  }
  return "unknown";
}

} // namespace troupe

#pragma once

#include <chrono>
#include <deque>

namespace troupe {

/// Erlang-style restart intensity for one agent: at most `max_restarts`
/// restarts within any `window`. Plain and deterministic: the caller gives
/// the time, so tests need no clock.
class restart_intensity {
public:
  using time_point = std::chrono::steady_clock::time_point;

  restart_intensity(int max_restarts, std::chrono::milliseconds window)
      : max_restarts_(max_restarts), window_(window) {}

  /// Records a crash at `now`; true when a restart is still allowed.
  bool allow(time_point now);

  /// Restarts within the window as of the last crash.
  int recent() const { return static_cast<int>(restarts_.size()); }

private:
  int max_restarts_;
  std::chrono::milliseconds window_;
  std::deque<time_point> restarts_;
};

} // namespace troupe

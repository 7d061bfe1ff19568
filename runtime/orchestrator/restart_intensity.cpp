#include "runtime/orchestrator/restart_intensity.hpp"

namespace troupe {

bool restart_intensity::allow(time_point now) {
  while (!restarts_.empty() && now - restarts_.front() >= window_)
    restarts_.pop_front();
  if (static_cast<int>(restarts_.size()) >= max_restarts_)
    return false;
  restarts_.push_back(now);
  return true;
}

} // namespace troupe

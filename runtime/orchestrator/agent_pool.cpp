#include "runtime/orchestrator/agent_pool.hpp"

namespace troupe {

agent_pool::agent_pool(const placement_spec& placement)
    : spread_(make_spread_policy(placement.spread)) {
  // The loader only lets known names through; a plain round robin is the
  // safe reading of anything else.
  if (!spread_)
    spread_ = make_spread_policy("round_robin");
  for (const auto& node : placement.nodes)
    instances_.push_back(agent_instance{node, {}, false, 0, {}});
}

std::size_t agent_pool::add_local() {
  instances_.push_back(agent_instance{});
  return instances_.size() - 1;
}

std::optional<std::size_t> agent_pool::pick() {
  std::vector<instance_load> loads;
  loads.reserve(instances_.size());
  for (const auto& inst : instances_)
    loads.push_back(instance_load{inst.up(), inst.in_flight});
  return spread_->pick(loads);
}

bool agent_pool::any_up() const {
  for (const auto& inst : instances_)
    if (inst.up())
      return true;
  return false;
}

std::string agent_pool::down_report() const {
  std::string out;
  for (const auto& inst : instances_) {
    if (inst.up() || inst.node.empty())
      continue;
    if (!out.empty())
      out += "; ";
    out += inst.node + ": " + (inst.last_error.empty() ? "not started" : inst.last_error);
  }
  return out;
}

} // namespace troupe

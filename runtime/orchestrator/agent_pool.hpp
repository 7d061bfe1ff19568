#pragma once

#include "runtime/agent/agent_actor.hpp"
#include "runtime/orchestrator/spread_policy.hpp"
#include "runtime/scenario/placement_spec.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// One instance of an agent: in the run's process or on a `troupe node`.
struct agent_instance {
  std::string node;   // the placement's "host:port"; empty in the run's process
  agent_actor handle; // invalid while down or starting
  bool starting = false;
  int in_flight = 0;      // tasks sent to it and not answered yet
  std::string last_error; // why it last went down or could not start

  bool up() const { return static_cast<bool>(handle); }
};

/// The instances of one agent of a run and the policy that spreads its
/// tasks across them. Plain data and a policy: the orchestrator starts and
/// stops the instances and tells the pool.
class agent_pool {
public:
  explicit agent_pool(const placement_spec& placement);

  /// An instance on each node of the placement, none up yet.
  std::vector<agent_instance>& instances() { return instances_; }
  const std::vector<agent_instance>& instances() const { return instances_; }

  /// Adds an instance in the run's process (not up yet); its index.
  std::size_t add_local();

  /// Where the next task goes, among the instances that are up.
  std::optional<std::size_t> pick();

  bool any_up() const;

  /// The nodes whose instances are not up and why, e.g. for a run that
  /// fails because none of them could start the agent.
  std::string down_report() const;

private:
  std::vector<agent_instance> instances_;
  std::unique_ptr<spread_policy> spread_;
};

} // namespace troupe

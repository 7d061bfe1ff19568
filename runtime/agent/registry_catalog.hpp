#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "troupe/agent.hpp"

namespace troupe {

/// The agent_catalog that built-in code and plugins register into: each
/// agent_info becomes an agent_type of `registry`, spawned as an agent_host.
class registry_catalog : public agent_catalog {
public:
  explicit registry_catalog(agent_registry& registry) : registry_(registry) {}

  using agent_catalog::add;
  void add(agent_info info, agent_maker make) override;

private:
  agent_registry& registry_;
};

/// The agent_type for `info`: required inputs are the input shape's keys
/// without a trailing `?`.
agent_type agent_type_of(agent_info info, agent_maker make);

} // namespace troupe

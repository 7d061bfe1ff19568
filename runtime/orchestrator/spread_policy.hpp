#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// What the orchestrator knows about one instance of an agent placed on
/// several nodes when it picks where a task goes.
struct instance_load {
  bool up = true;    // reachable and spawned; a lost node's instance is not
  int in_flight = 0; // tasks sent to it and not answered yet
};

/// Picks the instance of an agent that takes the next task. Plain and
/// deterministic: one implementation per `placement.spread` name.
class spread_policy {
public:
  virtual ~spread_policy() = default;

  /// The index of the instance to send the next task to, or nothing when
  /// no instance is up.
  virtual std::optional<std::size_t>
  pick(const std::vector<instance_load>& instances) = 0;
};

/// The policy named `name` ("round_robin", "least_loaded"); null for an
/// unknown name (the scenario loader rejects those).
std::unique_ptr<spread_policy> make_spread_policy(const std::string& name);

/// The names make_spread_policy knows, for error messages.
const std::vector<std::string>& spread_policy_names();

} // namespace troupe

#pragma once

#include <string>
#include <vector>

namespace troupe {

/// Where an agent of a scenario runs. No nodes: in the run's own process.
/// Nodes ("host:port" of `troupe node` processes): an instance on each, with
/// tasks spread across them by `spread` ("round_robin" or "least_loaded").
/// `fallback` says where the tasks of a lost node go when no other node of
/// the list is up: "local" (an instance in the run's process, the default)
/// or "none" (the run fails, naming the nodes it lost).
struct placement_spec {
  std::vector<std::string> nodes;
  std::string spread = "round_robin";
  std::string fallback = "local";

  bool is_local() const noexcept { return nodes.empty(); }
};

} // namespace troupe

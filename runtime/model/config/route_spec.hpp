#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// The strategy names a route may use, sorted (for checks and hints).
inline const std::vector<std::string>& known_route_strategies() {
  static const std::vector<std::string> names{"cheapest", "fallback", "score",
                                              "weighted"};
  return names;
}

/// One provider/model pair a route may send a request to.
struct target_spec {
  std::string provider;
  std::string model;
  double weight = 1.0;        // for the weighted strategy
  int64_t context_window = 0; // tokens; 0 when unknown
};

/// A named route: the targets an agent's requests may go to, and how one is
/// picked. Strategies: "fallback", "weighted", "cheapest", "score".
struct route_spec {
  std::string name;
  std::string strategy = "fallback";
  std::vector<target_spec> targets;
  double exploration = 0.05; // share of requests the score strategy explores
};

} // namespace troupe

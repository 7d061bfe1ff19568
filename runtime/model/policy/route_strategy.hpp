#pragma once

#include "runtime/model/config/route_spec.hpp"
#include "runtime/model/policy/random_source.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace troupe {

/// What the router knows about one target of a route when it orders them
/// for a request. Targets whose breaker is open or that cannot take the
/// request are filtered out by the router before a strategy sees them.
struct target_view {
  std::size_t index = 0; // position in route_spec::targets
  const target_spec* spec = nullptr;
  double expected_cost_usd = 0.0; // this request at this target's prices
  bool fits_context = true;       // the request fits the context window
};

/// Orders a route's targets for one request: the router tries them in that
/// order, failing over to the next. One implementation per strategy name.
class route_strategy {
public:
  virtual ~route_strategy() = default;

  /// The targets in the order to try, as indexes into `targets`' own
  /// `index` values. May leave targets out (e.g. ones that do not fit).
  virtual std::vector<std::size_t> order(const std::vector<target_view>& targets,
                                         random_source& rng) = 0;

  /// Learns from one finished attempt (the score strategy uses it; others
  /// ignore it). `ok` is success, `latency_ms` the attempt's wall time.
  virtual void observe(std::size_t index, bool ok, double latency_ms) {
    (void)index, (void)ok, (void)latency_ms;
  }
};

/// The strategy for `route.strategy` (one of known_route_strategies()), or
/// nullptr for an unknown name.
std::unique_ptr<route_strategy> make_route_strategy(const route_spec& route);

} // namespace troupe

#pragma once

#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <map>
#include <string>

namespace troupe {

/// Reads `models.routes`. Without a `models` section a scenario gets the
/// implicit route "default" to the local extractive model, so the simplest
/// scenarios run offline without any model configuration.
class routes_reader {
public:
  explicit routes_reader(load_context& ctx);

  std::map<std::string, route_spec> read(const boost::json::object& root);

  /// The route a scenario without `models` gets.
  static route_spec implicit_default();

private:
  route_spec read_route(const std::string& name, const boost::json::value& value,
                        const std::string& pointer);

  load_context& ctx_;
};

} // namespace troupe

#pragma once

#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <map>
#include <string>

namespace troupe {

/// The run's input values: the scenario's defaults overridden by `given`.
/// Fails on a name the scenario does not declare, or a required input
/// (one without default) that is not given, naming the input and the fix.
caf::expected<boost::json::object>
resolve_run_inputs(const scenario_spec& spec,
                   const std::map<std::string, std::string>& given);

} // namespace troupe

#pragma once

#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>

namespace troupe {

/// Reads a scenario's `limits`: the guards of a run (steps, hand-offs,
/// deadline, step timeout and its retries, agent restarts). Every value is
/// range-checked; a missing one keeps its default.
limits_spec read_limits(load_context& ctx, const boost::json::object& root);

} // namespace troupe

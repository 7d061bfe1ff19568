#pragma once

#include "runtime/messages/run_outcome.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <string>

namespace troupe {

/// Writes `text` to `path` atomically: a temp file beside it, fsync, rename.
/// Readers see the old file or the new one, never half of one.
caf::error write_file_atomic(const std::string& path, const std::string& text);

/// The report markdown of a run: the text `spec.report` points at when the run
/// succeeded, otherwise an account of the failure and of what was completed.
std::string render_report(const scenario_spec& spec, const run_outcome& outcome);

/// The machine-readable summary written as result.json.
boost::json::object render_result(const scenario_spec& spec, const run_outcome& outcome,
                                  const boost::json::object& inputs);

} // namespace troupe

#pragma once

#include <caf/scheduled_actor.hpp>

namespace troupe {

/// Makes an agent that throws exit with the exception's text as its reason,
/// so the orchestrator's report says what went wrong, not just that it did.
void report_crashes(caf::scheduled_actor* self);

} // namespace troupe

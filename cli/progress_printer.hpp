#pragma once

// Prints a run's progress to stderr, one line per step start and end, plus
// loop-backs and the run's end. It listens to the trace sink, so what the
// user sees is exactly what the trace records. A `flush` request is answered
// once every event received before it has been printed.

#include <caf/event_based_actor.hpp>

namespace troupe {

caf::behavior progress_printer(caf::event_based_actor* self);

} // namespace troupe

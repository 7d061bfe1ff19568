#pragma once

#include <caf/actor_system_config.hpp>

namespace troupe {

/// Registers Troupe's message types and error category with a CAF config.
/// Every process that hosts Troupe actors (the CLI, tests, benchmarks,
/// nodes) calls this before creating its actor system.
void add_troupe_types(caf::actor_system_config& cfg);

} // namespace troupe

#pragma once

#include <caf/actor_system_config.hpp>
#include <chrono>

namespace troupe {

/// Registers Troupe's message types and error category with a CAF config.
/// Every process that hosts Troupe actors (the CLI, tests, benchmarks,
/// nodes) calls this before creating its actor system.
void add_troupe_types(caf::actor_system_config& cfg);

/// Loads CAF's network layer (the middleman) for a process that hosts or
/// reaches `troupe node`s, with heartbeats every `heartbeat` and a peer
/// that sends nothing for `timeout` declared lost: a node that is cut off
/// without closing its connection is noticed as a killed one is.
void add_troupe_network(caf::actor_system_config& cfg,
                        std::chrono::milliseconds heartbeat = std::chrono::seconds{1},
                        std::chrono::milliseconds timeout = std::chrono::seconds{5});

} // namespace troupe

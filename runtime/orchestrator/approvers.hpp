#pragma once

// Who answers a run's approval steps (approval_request -> approval_decision):
//   fixed_approver    the decision given on the command line (--approve,
//                     --reject), the same for every step
//   terminal_approver a person at the terminal: prints the request on stderr
//                     and reads y/n (and an optional note) from stdin
//   no_approver       nobody: fails the request with what to do instead
// The terminal approver blocks on stdin, so it runs detached.

#include "runtime/agent/approver_actor.hpp"

#include <caf/actor_system.hpp>
#include <string>

namespace troupe {

/// How a run's approval steps are decided.
enum class approval_mode { none, approve, reject, terminal };

/// The approver for `mode`.
approver_actor spawn_approver(caf::actor_system& sys, approval_mode mode);

} // namespace troupe

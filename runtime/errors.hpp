#pragma once

#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// Troupe's error codes. Each error carries a message a user can act on; the
/// code says what kind of failure it is and whether trying again may help.
enum class errc : uint8_t {
  invalid_input = 1,  // bad scenario, inputs or arguments: fix and rerun
  agent_failed,       // an agent answered with an error
  model_failed,       // no provider could answer a model request
  malformed_answer,   // a model answer could not be parsed
  tool_failed,        // a tool (search, fetch) failed
  deadline_exceeded,  // the run's deadline passed
  step_limit_reached, // the run's max_steps guard stopped it
  io_failed,          // a file could not be read or written
  agent_crashed,      // an agent threw; it is down and its down message follows
  budget_exceeded,    // a budget cap refused a model call
  rejected,           // a person rejected the run at an approval step
  node_refused,       // a troupe node refused a request: allow list, token or type
  node_unreachable,   // a troupe node could not be reached or was lost
};

constexpr caf::atom_value errc_category = caf::atom("troupe");

/// True for failures where the same request may succeed later.
bool is_retryable(errc code);

std::string to_string(errc code);

caf::error make_error(errc code, std::string message);

/// True when `err` is a Troupe error with `code`.
bool has_code(const caf::error& err, errc code);

/// The message a user should read for `err`: the text given at creation for
/// Troupe errors, CAF's rendering for others.
std::string describe(const caf::error& err);

} // namespace troupe

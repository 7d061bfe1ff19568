#pragma once

#include "cli/trace_arguments.hpp"

namespace troupe {

/// `troupe trace`: reads the trace, prints the view asked for on stdout and
/// the reader's warnings on stderr; returns the exit code (a trace that
/// cannot be read is invalid input).
int trace_command(const trace_arguments& args);

} // namespace troupe

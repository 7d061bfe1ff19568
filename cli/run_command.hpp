#pragma once

#include "cli/command_line.hpp"

namespace troupe {

/// `troupe run`: loads, runs, writes the run's files; returns the exit code.
int run_command(const command_line& cl);

/// `troupe resume DIR`: goes on with the run whose output folder is DIR from
/// its last completed step (DIR/state.json); returns the exit code.
int resume_command(const command_line& cl);

/// `troupe validate`: loads and reports; returns the exit code.
int validate_command(const command_line& cl);

} // namespace troupe

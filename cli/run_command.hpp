#pragma once

#include "cli/command_line.hpp"

namespace troupe {

/// `troupe run`: loads, runs, writes the run's files; returns the exit code.
int run_command(const command_line& cl);

/// `troupe validate`: loads and reports; returns the exit code.
int validate_command(const command_line& cl);

} // namespace troupe

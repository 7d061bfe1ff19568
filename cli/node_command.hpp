#pragma once

#include "cli/command_line.hpp"

namespace troupe {

/// `troupe node --listen HOST:PORT`: hosts agents for runs elsewhere until
/// SIGINT or SIGTERM; answers the exit code.
int node_command(const command_line& cl);

} // namespace troupe

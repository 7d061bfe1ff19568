#pragma once

#include "cli/command_line.hpp"

namespace troupe {

/// `troupe agents [--plugin PATH]...`: lists the agent types a scenario may
/// use (built-in and from the plugins), with what each takes and gives.
int agents_command(const command_line& cl);

} // namespace troupe

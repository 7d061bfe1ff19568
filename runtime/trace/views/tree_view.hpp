#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <string>

namespace troupe {

/// `troupe trace tree`: the span tree, one span a line, indented by depth:
/// what it was, how long it took, what it and everything below it cost, and
/// its status when not ok. Budget reservations and settlements are left out
/// (`messages --kind` shows them). With `color`, ANSI colours mark names,
/// costs and failures.
std::string render_tree(const recorded_trace& trace, bool color);

} // namespace troupe

#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <string>

namespace troupe {

/// `troupe trace timeline`: the run drawn `width` columns wide. A lane of
/// steps on top, then a lane per agent with one bar per task (from the
/// task's sending to its result; '#' where the agent waited on a model or
/// tool); tasks that overlapped get a row each (up to 32 an agent), so
/// parallel work shows as stacked bars.
std::string render_timeline(const recorded_trace& trace, int width);

} // namespace troupe

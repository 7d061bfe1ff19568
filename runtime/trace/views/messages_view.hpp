#pragma once

#include "runtime/trace/recorded_trace.hpp"
#include "runtime/trace/views/message_filter.hpp"

#include <string>

namespace troupe {

/// `troupe trace messages`: the events that pass `filter` in time order,
/// one line each: seconds since the run started, sender -> receiver, kind,
/// and what it says. With `json`, the events' own lines instead, for
/// scripts.
std::string render_messages(const recorded_trace& trace, const message_filter& filter,
                            bool json);

} // namespace troupe

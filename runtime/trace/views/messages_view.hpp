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

/// The header of `troupe trace messages --follow`, whose lines are printed
/// as the events arrive, so columns have fixed widths instead of fitting
/// the widest entry.
std::string message_header();

/// One event as `messages --follow` prints it, under message_header();
/// `run_start_us` is the zero of its time column.
std::string render_message_line(const recorded_event& e, int64_t run_start_us);

} // namespace troupe

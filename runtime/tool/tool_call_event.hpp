#pragma once

#include "runtime/messages/tool_call.hpp"
#include "runtime/messages/trace_event.hpp"

#include <cstdint>
#include <string>

namespace troupe {

/// The trace event of call number `n` (from 1) to tool `tool_id`, begun at
/// `start_us` and ending now: a `tool_call` span under the calling task,
/// status "ok". Each tool adds what it did to the attributes.
trace_event tool_call_event(const tool_call& call, const std::string& tool_id, int64_t n,
                            int64_t start_us);

} // namespace troupe

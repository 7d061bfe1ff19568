#pragma once

// Span ids are paths that name their place in the run's tree:
// "run/summarize#2/t0/m1/a1" is attempt 1 of model call 1 of task 0 of the
// second step execution, which ran step "summarize". Views read them here.

#include <string>
#include <string_view>

namespace troupe {

/// The step a span belongs to ("summarize"), or "" for the run's own span.
std::string step_of_span(std::string_view span);

/// The task span a span lies in ("run/summarize#2/t0" of
/// "run/summarize#2/t0/m1/a1"): its first three parts, or "" for the run's
/// and the steps' own spans.
std::string_view task_span_of(std::string_view span);

/// The last part of a span id ("m1" of ".../t0/m1"), the whole id when it
/// has no parent part.
std::string_view span_leaf(std::string_view span);

} // namespace troupe

#include "runtime/trace/views/message_filter.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/trace/span_path.hpp"

#include <algorithm>

namespace troupe {

namespace {

bool any_of(const std::vector<std::string>& wanted, const std::string& x) {
  return std::find(wanted.begin(), wanted.end(), x) != wanted.end();
}

bool is_bookkeeping(const std::string& kind) {
  return kind == "model_attempt" || kind == "budget_reserve" || kind == "budget_settle";
}

bool concerns_agent(const std::vector<std::string>& agents, const trace_event& ev) {
  return any_of(agents, ev.from) || any_of(agents, ev.to) ||
         any_of(agents, string_at(ev.attributes, "troupe.agent"));
}

} // namespace

bool message_filter::matches(const recorded_event& e, int64_t run_start_us) const {
  const auto& ev = e.event;
  if (kinds.empty() ? is_bookkeeping(ev.kind) : !any_of(kinds, ev.kind))
    return false;
  if (!agents.empty() && !concerns_agent(agents, ev))
    return false;
  if (!steps.empty() && !any_of(steps, step_of_span(ev.span_id)))
    return false;
  if (ev.ts_us - run_start_us < since_us)
    return false;
  return grep.empty() || e.text.find(grep) != std::string::npos;
}

} // namespace troupe

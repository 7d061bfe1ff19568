#include "runtime/trace/views/call_usage.hpp"

#include "runtime/trace/views/event_text.hpp"
#include "runtime/trace/views/saturated.hpp"

namespace troupe {

void call_usage::add(const trace_event& call) {
  ++calls;
  cached += from_cache(call) ? 1 : 0;
  failed += call.status == "ok" ? 0 : 1;
  input_tokens = saturated_sum(input_tokens, call.input_tokens);
  output_tokens = saturated_sum(output_tokens, call.output_tokens);
  usd += call.cost_usd;
}

} // namespace troupe

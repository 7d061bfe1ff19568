#include "runtime/trace/trace_event_json.hpp"

#include <chrono>

namespace troupe {

boost::json::object to_json(const trace_event& event) {
  boost::json::object out;
  out["ts_us"] = event.ts_us;
  out["kind"] = event.kind;
  out["run_id"] = event.run_id;
  out["span_id"] = event.span_id;
  out["parent_span_id"] = event.parent_span;
  if (!event.from.empty())
    out["from"] = event.from;
  if (!event.to.empty())
    out["to"] = event.to;
  if (!event.message_type.empty())
    out["message_type"] = event.message_type;
  out["duration_us"] = event.duration_us;
  if (event.input_tokens > 0 || event.output_tokens > 0) {
    out["gen_ai.usage.input_tokens"] = event.input_tokens;
    out["gen_ai.usage.output_tokens"] = event.output_tokens;
  }
  out["cost_usd"] = event.cost_usd;
  out["status"] = event.status;
  if (event.attributes.is_object() && !event.attributes.as_object().empty())
    out["attributes"] = event.attributes;
  return out;
}

int64_t now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace troupe

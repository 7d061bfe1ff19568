#include "runtime/tool/tool_call_event.hpp"

#include "runtime/trace/trace_event_json.hpp"

namespace troupe {

trace_event tool_call_event(const tool_call& call, const std::string& tool_id, int64_t n,
                            int64_t start_us) {
  trace_event ev;
  ev.kind = "tool_call";
  ev.ts_us = start_us;
  ev.run_id = call.run_id;
  ev.span_id = call.parent_span + "/tool" + std::to_string(n);
  ev.parent_span = call.parent_span;
  ev.from = call.agent_id;
  ev.to = tool_id;
  ev.message_type = "tool_call";
  ev.duration_us = now_us() - start_us;
  ev.status = "ok";
  ev.attributes = boost::json::object{{"gen_ai.operation.name", "execute_tool"},
                                      {"gen_ai.tool.name", tool_id}};
  return ev;
}

} // namespace troupe

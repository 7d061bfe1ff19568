#include "tools/corpus_tool.hpp"

#include "runtime/errors.hpp"
#include "runtime/trace/trace_event_json.hpp"

namespace troupe {

namespace {

trace_event tool_event(const search_request& req, const std::string& tool_id,
                       int64_t call, int64_t start_us) {
  trace_event ev;
  ev.kind = "tool_call";
  ev.ts_us = start_us;
  ev.run_id = req.run_id;
  ev.span_id = req.parent_span + "/tool" + std::to_string(call);
  ev.parent_span = req.parent_span;
  ev.from = req.agent_id;
  ev.to = tool_id;
  ev.message_type = "search_request";
  ev.duration_us = now_us() - start_us;
  ev.status = "ok";
  ev.attributes = boost::json::object{{"gen_ai.operation.name", "execute_tool"},
                                      {"gen_ai.tool.name", tool_id},
                                      {"troupe.query", req.query}};
  return ev;
}

} // namespace

search_tool_actor::behavior_type
corpus_tool(search_tool_actor::stateful_pointer<corpus_tool_state> self,
            corpus_index index, std::string tool_id, trace_sink_actor trace) {
  self->state.index.emplace(std::move(index));
  return {
      [=](search_request& req) -> caf::result<search_results> {
        auto start = now_us();
        auto hits = self->state.index->search(req.query, req.max_results);
        auto ev = tool_event(req, tool_id, ++self->state.calls, start);
        if (!hits) {
          ev.status = "error";
          ev.attributes.as_object()["error.message"] = describe(hits.error());
          self->send(trace, std::move(ev));
          return make_error(errc::tool_failed, "corpus search for '" + req.query +
                                                   "' failed: " + describe(hits.error()));
        }
        boost::json::array ids;
        for (const auto& h : *hits)
          ids.push_back(boost::json::string{h.id});
        ev.attributes.as_object()["troupe.hits"] = std::move(ids);
        self->send(trace, std::move(ev));
        return search_results{req.query, std::move(*hits)};
      },
  };
}

} // namespace troupe

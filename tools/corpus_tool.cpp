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
                                      {"gen_ai.tool.name", tool_id}};
  return ev;
}

/// What was found: how many hits, and with content their document ids.
void add_hits(boost::json::object& attributes, const std::vector<search_hit>& hits,
              bool capture_content) {
  attributes["troupe.hits.count"] = hits.size();
  if (!capture_content)
    return;
  boost::json::array ids;
  for (const auto& h : hits)
    ids.push_back(boost::json::string{h.id});
  attributes["troupe.hits"] = std::move(ids);
}

} // namespace

search_tool_actor::behavior_type
corpus_tool(search_tool_actor::stateful_pointer<corpus_tool_state> self,
            corpus_index index, std::string tool_id, tool_env env) {
  self->state.index.emplace(std::move(index));
  return {
      [=](search_request& req) -> caf::result<search_results> {
        auto start = now_us();
        auto hits = self->state.index->search(req.query, req.max_results);
        auto ev = tool_event(req, tool_id, ++self->state.calls, start);
        auto& attributes = ev.attributes.as_object();
        if (env.capture_content)
          attributes["troupe.query"] = req.query;
        if (!hits) {
          ev.status = "error";
          attributes["error.message"] = describe(hits.error());
          self->send(env.trace, std::move(ev));
          // The error reaches the trace too, as the task's: the query only
          // goes with it when content may be recorded.
          auto what = env.capture_content ? " for '" + req.query + "'" : "";
          return make_error(errc::tool_failed, "corpus search" + what +
                                                   " failed: " + describe(hits.error()));
        }
        add_hits(attributes, *hits, env.capture_content);
        self->send(env.trace, std::move(ev));
        return search_results{req.query, std::move(*hits)};
      },
  };
}

} // namespace troupe

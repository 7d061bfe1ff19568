#include "tools/corpus_tool.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"
#include "runtime/tool/tool_call_event.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <caf/send.hpp>

namespace troupe {

namespace {

/// What was found: how many hits, and with content their document ids.
void add_hits(boost::json::object& attributes, const boost::json::array& hits,
              bool capture_content) {
  attributes["troupe.hits.count"] = hits.size();
  if (!capture_content)
    return;
  boost::json::array ids;
  for (const auto& h : hits)
    ids.push_back(value_at(h, "id"));
  attributes["troupe.hits"] = std::move(ids);
}

/// What the refresh at start left out: how many files, and with content
/// their paths (file names are content, as document ids are).
void add_skipped(boost::json::object& attributes, const index_stats& refreshed,
                 bool capture_content) {
  attributes["troupe.corpus.skipped"] = refreshed.skipped.size();
  if (!capture_content)
    return;
  boost::json::array paths;
  for (const auto& s : refreshed.skipped)
    paths.push_back(boost::json::string{s.path});
  attributes["troupe.corpus.skipped_files"] = std::move(paths);
}

} // namespace

tool_actor::behavior_type
corpus_tool(tool_actor::stateful_pointer<corpus_tool_state> self, tool_actor searcher,
            std::shared_ptr<const index_stats> refreshed, std::string tool_id,
            tool_env env, bool owns_searcher) {
  if (owns_searcher)
    self->attach_functor(
        [searcher] { caf::anon_send_exit(searcher, caf::exit_reason::user_shutdown); });
  return {
      [=](tool_call& call) -> caf::result<tool_result> {
        auto start = now_us();
        auto query = string_at(call.args, "query");
        if (query.empty())
          return make_error(errc::invalid_input,
                            "corpus tool '" + tool_id +
                                "' needs a non-empty string \"query\" in its arguments");
        auto ev = tool_call_event(call, tool_id, ++self->state.calls, start);
        auto& attributes = ev.attributes.as_object();
        if (self->state.calls == 1)
          add_skipped(attributes, *refreshed, env.capture_content);
        if (env.capture_content)
          attributes["troupe.query"] = query;
        auto promise = self->make_response_promise<tool_result>();
        self->request(searcher, caf::infinite, std::move(call))
            .then(
                [=](tool_result& found) mutable {
                  ev.duration_us = now_us() - start;
                  add_hits(ev.attributes.as_object(),
                           value_at(found.output, "hits").as_array(),
                           env.capture_content);
                  self->send(env.trace, std::move(ev));
                  promise.deliver(std::move(found));
                },
                [=](caf::error& err) mutable {
                  ev.status = "error";
                  ev.duration_us = now_us() - start;
                  ev.attributes.as_object()["error.message"] = describe(err);
                  self->send(env.trace, std::move(ev));
                  // The error reaches the trace too, as the task's: the query
                  // only goes with it when content may be recorded.
                  auto what = env.capture_content ? " for '" + query + "'" : "";
                  promise.deliver(
                      make_error(errc::tool_failed,
                                 "corpus search" + what + " failed: " + describe(err)));
                });
        return promise;
      },
  };
}

} // namespace troupe

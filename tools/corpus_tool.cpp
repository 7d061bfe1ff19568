#include "tools/corpus_tool.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"
#include "runtime/tool/tool_call_event.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <algorithm>

namespace troupe {

namespace {

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

boost::json::object to_json(const search_hit& hit) {
  return {{"id", hit.id},           {"title", hit.title}, {"path", hit.path},
          {"snippet", hit.snippet}, {"text", hit.text},   {"score", hit.score}};
}

/// `max_results` from the call's args: 8 when absent, clamped to 1..50.
int max_results_of(const boost::json::value& args) {
  const auto& v = value_at(args, "max_results");
  if (!v.is_int64())
    return 8;
  return static_cast<int>(std::clamp<int64_t>(v.as_int64(), 1, 50));
}

} // namespace

tool_actor::behavior_type
corpus_tool(tool_actor::stateful_pointer<corpus_tool_state> self, corpus_index index,
            index_stats refreshed, std::string tool_id, tool_env env) {
  self->state.index.emplace(std::move(index));
  self->state.refreshed = std::move(refreshed);
  return {
      [=](tool_call& call) -> caf::result<tool_result> {
        auto start = now_us();
        auto query = string_at(call.args, "query");
        if (query.empty())
          return make_error(errc::invalid_input,
                            "corpus tool '" + tool_id +
                                "' needs a non-empty string \"query\" in its arguments");
        auto hits = self->state.index->search(query, max_results_of(call.args));
        auto ev = tool_call_event(call, tool_id, ++self->state.calls, start);
        auto& attributes = ev.attributes.as_object();
        if (self->state.calls == 1)
          add_skipped(attributes, self->state.refreshed, env.capture_content);
        if (env.capture_content)
          attributes["troupe.query"] = query;
        if (!hits) {
          ev.status = "error";
          attributes["error.message"] = describe(hits.error());
          self->send(env.trace, std::move(ev));
          // The error reaches the trace too, as the task's: the query only
          // goes with it when content may be recorded.
          auto what = env.capture_content ? " for '" + query + "'" : "";
          return make_error(errc::tool_failed, "corpus search" + what +
                                                   " failed: " + describe(hits.error()));
        }
        add_hits(attributes, *hits, env.capture_content);
        self->send(env.trace, std::move(ev));
        boost::json::array found;
        for (const auto& h : *hits)
          found.push_back(to_json(h));
        return tool_result{
            boost::json::object{{"query", query}, {"hits", std::move(found)}}};
      },
  };
}

} // namespace troupe

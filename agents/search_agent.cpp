#include "agents/search_agent.hpp"

#include "runtime/agent/crash_report.hpp"
#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"

#include <algorithm>

namespace troupe {

namespace {

boost::json::object to_json(const search_hit& hit) {
  return {{"id", hit.id},           {"title", hit.title}, {"path", hit.path},
          {"snippet", hit.snippet}, {"text", hit.text},   {"score", hit.score}};
}

/// Appends the hits not seen before; returns how many were new.
int merge(std::vector<search_hit>& sources, std::vector<search_hit>& hits) {
  int added = 0;
  for (auto& hit : hits) {
    auto seen = std::any_of(sources.begin(), sources.end(),
                            [&](const search_hit& s) { return s.id == hit.id; });
    if (!seen) {
      sources.push_back(std::move(hit));
      ++added;
    }
  }
  return added;
}

int max_sources(const agent_env& env) {
  auto i = env.spec.params.find("max_sources");
  if (i == env.spec.params.end() || !i->value().is_int64())
    return 6;
  return static_cast<int>(std::clamp<int64_t>(i->value().as_int64(), 1, 50));
}

} // namespace

agent_actor::behavior_type search_agent(agent_actor::stateful_pointer<search_state> self,
                                        agent_env env) {
  report_crashes(self);
  return {
      [=](task& t) -> caf::result<agent_result> {
        auto tool_id = string_at(boost::json::value(env.spec.params), "tool");
        auto tool = env.tools.find(tool_id);
        if (tool == env.tools.end())
          return make_error(errc::invalid_input, "search agent '" + env.spec.id +
                                                     "' has no tool '" + tool_id + "'");
        auto followup = string_at(t.inputs, "followup");
        auto query = followup.empty() ? string_at(t.inputs, "query") : followup;
        search_request req{t.run_id, env.spec.id, t.span_id, query, max_sources(env)};
        auto rp = self->make_response_promise<agent_result>();
        self->request(tool->second, caf::infinite, std::move(req))
            .then(
                [=](search_results& found) mutable {
                  auto added = merge(self->state.sources, found.hits);
                  boost::json::array sources;
                  for (const auto& s : self->state.sources)
                    sources.push_back(to_json(s));
                  boost::json::object out{{"query", query},
                                          {"sources", std::move(sources)},
                                          {"new_sources", added}};
                  rp.deliver(agent_result{t.step_id, env.spec.id, std::move(out), ""});
                },
                [=](caf::error& err) mutable { rp.deliver(std::move(err)); });
        return rp;
      },
  };
}

} // namespace troupe

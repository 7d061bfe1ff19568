#include "agents/search_agent.hpp"

#include "runtime/agent/json_access.hpp"

#include <algorithm>

namespace troupe {

namespace {

int max_sources(const boost::json::object& params) {
  const auto& v = value_at(params, "max_sources");
  if (!v.is_int64())
    return 6;
  return static_cast<int>(std::clamp<int64_t>(v.as_int64(), 1, 50));
}

} // namespace

agent_info search_agent::info() {
  agent_info i;
  i.name = "search";
  i.description = "gathers sources from a search tool; remembers them across rounds";
  i.input = boost::json::parse(R"({"query": "string", "followup?": "string"})");
  i.output = boost::json::parse(R"({"query": "string", "new_sources": "integer",
      "sources": [{"id": "string", "title": "string", "path": "string",
                   "snippet": "string", "text": "string", "score": "number"}]})");
  i.tool_params = {"tool"};
  return i;
}

int search_agent::merge(const boost::json::array& hits) {
  int added = 0;
  for (const auto& hit : hits) {
    auto id = string_at(hit, "id");
    auto seen =
        std::any_of(sources_.begin(), sources_.end(), [&](const boost::json::object& s) {
          return string_at(s, "id") == id;
        });
    if (!seen && hit.is_object()) {
      sources_.push_back(hit.as_object());
      ++added;
    }
  }
  return added;
}

void search_agent::on_task(task_context ctx) {
  auto followup = string_at(ctx.input(), "followup");
  auto query = followup.empty() ? string_at(ctx.input(), "query") : followup;
  boost::json::object args{{"query", query}, {"max_results", max_sources(ctx.params())}};
  ctx.call_tool(
      "tool", std::move(args), [this, ctx, query](boost::json::value& found) mutable {
        auto added = merge(array_at(found, "hits"));
        boost::json::array sources(sources_.begin(), sources_.end());
        ctx.reply(
            {{"query", query}, {"sources", std::move(sources)}, {"new_sources", added}});
      });
}

} // namespace troupe

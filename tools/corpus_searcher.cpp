#include "tools/corpus_searcher.hpp"

#include "runtime/agent/json_access.hpp"

#include <algorithm>

namespace troupe {

namespace {

boost::json::object to_json(const search_hit& hit) {
  return {{"id", hit.id},           {"title", hit.title}, {"path", hit.path},
          {"snippet", hit.snippet}, {"text", hit.text},   {"score", hit.score}};
}

} // namespace

int max_results_of(const boost::json::value& args) {
  const auto& v = value_at(args, "max_results");
  if (!v.is_int64())
    return 8;
  return static_cast<int>(std::clamp<int64_t>(v.as_int64(), 1, 50));
}

tool_actor::behavior_type
corpus_searcher(tool_actor::stateful_pointer<corpus_searcher_state> self,
                corpus_index index) {
  self->state.index.emplace(std::move(index));
  return {
      [=](tool_call& call) -> caf::result<tool_result> {
        auto query = string_at(call.args, "query");
        auto hits = self->state.index->search(query, max_results_of(call.args));
        if (!hits)
          return hits.error();
        boost::json::array found;
        for (const auto& h : *hits)
          found.push_back(to_json(h));
        return tool_result{
            boost::json::object{{"query", query}, {"hits", std::move(found)}}};
      },
  };
}

} // namespace troupe

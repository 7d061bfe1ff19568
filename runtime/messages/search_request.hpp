#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// A query to a search tool.
struct search_request {
  std::string run_id;
  std::string agent_id;
  std::string parent_span;
  std::string query;
  int32_t max_results = 8;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, search_request& x) {
  return f(caf::meta::type_name("search_request"), x.run_id, x.agent_id, x.parent_span,
           x.query, x.max_results);
}

} // namespace troupe

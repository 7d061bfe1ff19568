#pragma once

#include "runtime/messages/search_hit.hpp"

#include <caf/meta/type_name.hpp>
#include <string>
#include <vector>

namespace troupe {

/// A search tool's answer, best hit first.
struct search_results {
  std::string query;
  std::vector<search_hit> hits;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, search_results& x) {
  return f(caf::meta::type_name("search_results"), x.query, x.hits);
}

} // namespace troupe

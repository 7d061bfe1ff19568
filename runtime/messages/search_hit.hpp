#pragma once

#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// One ranked document of a search. `id` is stable across runs (derived from
/// the document's path) so reports can cite it; `text` is the full body.
struct search_hit {
  std::string id;
  std::string title;
  std::string path;
  std::string snippet;
  std::string text;
  double score = 0.0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, search_hit& x) {
  return f(caf::meta::type_name("search_hit"), x.id, x.title, x.path, x.snippet, x.text,
           x.score);
}

} // namespace troupe

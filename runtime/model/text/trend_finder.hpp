#pragma once

#include "runtime/model/text/source_material.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace troupe {

/// Finds the themes that recur across documents: terms and two-word phrases
/// found in at least two documents, ranked by how many documents mention
/// them, then by how often. A phrase ranks before a single word of equal
/// reach, and a word is dropped when a picked phrase containing it reaches
/// exactly the same documents ("battery storage" makes "battery" redundant).
/// Each trend reads as the most frequent way the documents wrote it.
class trend_finder {
public:
  struct trend {
    std::string term;
    std::vector<std::string> sources; // document ids, sorted
  };

  /// `known` holds stems the reader already has (the question's terms): a
  /// theme made only of them ("battery storage" for a question about
  /// battery storage) tells nothing and is skipped.
  static std::vector<trend> find(const source_material& material, std::size_t limit,
                                 const std::set<std::string>& known = {});
};

} // namespace troupe

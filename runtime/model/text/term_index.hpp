#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace troupe {

/// Inverse document frequencies over a set of text units (the sentences of
/// the material) and the tf-idf vectors built from them. Vectors are sparse,
/// sorted by term id and L2-normalised, so cosine similarity is a merge and
/// every sum runs in the same order: results are reproducible to the bit.
class term_index {
public:
  using vector = std::vector<std::pair<std::size_t, double>>;

  explicit term_index(const std::vector<std::vector<std::string>>& units);

  /// Smoothed idf, ln((1 + N) / (1 + df)) + 1; 0 for a term seen in no unit.
  double idf(const std::string& term) const;

  /// The normalised tf-idf vector of `terms`; unknown terms are ignored.
  /// Term frequency is damped (1 + ln tf) so a repeated word does not drown
  /// the rest of a sentence.
  vector vectorize(const std::vector<std::string>& terms) const;

  /// The plain (not normalised) sum of `vectors`.
  static vector sum(const std::vector<vector>& vectors);

  static double dot(const vector& a, const vector& b);
  static double cosine(const vector& a, const vector& b);

private:
  std::unordered_map<std::string, std::size_t> ids_;
  std::vector<double> idf_;
};

} // namespace troupe

#pragma once

#include "runtime/model/text/term_extractor.hpp"
#include "runtime/model/text/term_index.hpp"

#include <cstddef>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace troupe {

/// Ranks the sentences of the material for a question and picks a short,
/// non-redundant set of them.
///
/// score = (centroid similarity + question overlap), scaled for length:
///  - centroid similarity: cosine between the sentence's tf-idf vector and
///    the sum of all *other* sentence vectors, i.e. how much the sentence
///    says about what the rest of the material is about. Leaving the
///    sentence out of its own centroid matters for short material: among
///    five sentences, each would otherwise score about 1/sqrt(5) from its
///    own share alone, off-topic or not;
///  - question overlap: the idf-weighted share of the question's terms the
///    sentence contains, so rare question words count more than common ones
///    (each question word counts once, even a hyphenated one indexed under
///    several keys);
///  - sentences under 6 words (fragments, captions) or over 60 words (run-ons,
///    lists flattened into one line) are scaled down: they read badly when
///    quoted alone.
/// Selection is greedy maximal marginal relevance: best first, skipping any
/// sentence too similar to one already picked, and never padding the answer
/// with sentences scoring under a fraction of the best one.
class sentence_ranker {
public:
  struct candidate {
    std::size_t source = 0;         // which document the sentence is from
    std::vector<std::string> terms; // its index terms
    std::size_t words = 0;          // its length in words
  };

  static constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

  sentence_ranker(const std::vector<candidate>& candidates,
                  const std::vector<term_extractor::term>& question);

  double score(std::size_t candidate) const { return scores_[candidate]; }

  /// Ranks the same candidates for another question. What does not depend
  /// on the question (the index, the vectors, the centroid similarities) is
  /// computed once, in the constructor: ranking one material for many
  /// questions costs little more than ranking it for one.
  void rescore(const std::vector<term_extractor::term>& question);

  /// Up to `k` candidates, best first, at most `max_per_source` of them from
  /// one document. Candidates without any content term are never picked.
  std::vector<std::size_t> select(std::size_t k,
                                  std::size_t max_per_source = unlimited) const;

private:
  bool is_redundant(std::size_t candidate, const std::vector<std::size_t>& picked) const;

  term_index index_;
  std::vector<std::size_t> sources_;
  std::vector<term_index::vector> vectors_;
  std::vector<std::set<std::string>> keys_; // each candidate's index terms
  std::vector<double> centrality_;          // the centroid similarities
  std::vector<double> length_factors_;
  std::vector<double> scores_;
};

} // namespace troupe

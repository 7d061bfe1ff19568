#include "runtime/model/text/sentence_ranker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace troupe {

namespace {

/// How much a sentence holding every question term gains over one holding
/// none: enough to outrank a merely central sentence, not so much that a
/// keyword-stuffed fragment beats a sentence that explains.
constexpr double question_weight = 0.8;

/// Above this cosine a sentence mostly repeats one already picked.
constexpr double max_similarity = 0.6;

/// A sentence scoring under this share of the best one shares next to
/// nothing with the rest of the material or the question (a remark about the
/// weather in a report on batteries): an answer is better without it. The
/// bar is low on purpose: in short documents, relevant sentences often share
/// only a word or two with the others.
constexpr double min_relative_score = 0.05;

constexpr std::size_t min_words = 6;
constexpr std::size_t max_words = 60;
constexpr double short_factor = 0.4;
constexpr double long_factor = 0.7;

double length_factor(std::size_t words) {
  if (words < min_words)
    return short_factor;
  return words > max_words ? long_factor : 1.0;
}

std::vector<std::vector<std::string>>
term_lists(const std::vector<sentence_ranker::candidate>& candidates) {
  std::vector<std::vector<std::string>> lists;
  lists.reserve(candidates.size());
  for (const auto& c : candidates)
    lists.push_back(c.terms);
  return lists;
}

/// Cosine between `v` (normalised) and `total - v`, from dot products with
/// `total` alone: v.(total - v) = v.total - 1 and
/// |total - v|^2 = |total|^2 - 2 v.total + 1.
double similarity_to_rest(const term_index::vector& v, const term_index::vector& total,
                          double total_norm2) {
  if (v.empty())
    return 0;
  auto shared = term_index::dot(v, total) - 1;
  auto rest_norm2 = total_norm2 - 2 * shared - 1;
  // Rounding leaves tiny remainders where the exact value is 0 (nothing
  // shared, or no other sentence); they must not order sentences.
  constexpr double epsilon = 1e-9;
  if (shared < epsilon || rest_norm2 < epsilon)
    return 0;
  return shared / std::sqrt(rest_norm2);
}

/// How much a question term counts: the idf of its stem, or for a
/// hyphenated word the material only has in parts, of its rarest part.
double question_term_weight(const term_index& index, const term_extractor::term& t) {
  if (auto weight = index.idf(t.stem); weight > 0 || t.parts.size() < 2)
    return weight;
  double weight = std::numeric_limits<double>::max();
  for (const auto& part : t.parts)
    weight = std::min(weight, index.idf(part));
  return weight;
}

/// The idf-weighted share of the question's terms found in `keys`.
double question_overlap(const term_index& index,
                        const std::vector<term_extractor::term>& question,
                        const std::set<std::string>& keys) {
  double total = 0;
  double found = 0;
  for (const auto& t : question) {
    auto weight = question_term_weight(index, t);
    total += weight;
    if (t.found_in(keys))
      found += weight;
  }
  return total > 0 ? found / total : 0.0;
}

} // namespace

sentence_ranker::sentence_ranker(const std::vector<candidate>& candidates,
                                 const std::vector<term_extractor::term>& question)
    : index_{term_lists(candidates)} {
  for (const auto& c : candidates) {
    sources_.push_back(c.source);
    vectors_.push_back(index_.vectorize(c.terms));
    keys_.emplace_back(c.terms.begin(), c.terms.end());
    length_factors_.push_back(length_factor(c.words));
  }
  auto total = term_index::sum(vectors_);
  auto total_norm2 = term_index::dot(total, total);
  for (const auto& v : vectors_)
    centrality_.push_back(similarity_to_rest(v, total, total_norm2));
  rescore(question);
}

void sentence_ranker::rescore(const std::vector<term_extractor::term>& question) {
  scores_.clear();
  for (std::size_t i = 0; i < vectors_.size(); ++i) {
    double relevance =
        centrality_[i] + question_weight * question_overlap(index_, question, keys_[i]);
    scores_.push_back(relevance * length_factors_[i]);
  }
}

std::vector<std::size_t> sentence_ranker::select(std::size_t k,
                                                 std::size_t max_per_source) const {
  std::vector<std::size_t> order(scores_.size());
  std::iota(order.begin(), order.end(), 0);
  // Stable: equal scores keep document order, so ties break the same way
  // on every run.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores_[a] > scores_[b]; });
  std::vector<std::size_t> picked;
  std::map<std::size_t, std::size_t> per_source;
  auto floor = order.empty() ? 0.0 : min_relative_score * scores_[order.front()];
  for (auto i : order) {
    if (picked.size() >= k || scores_[i] < floor)
      break;
    if (vectors_[i].empty() || per_source[sources_[i]] >= max_per_source ||
        is_redundant(i, picked))
      continue;
    picked.push_back(i);
    ++per_source[sources_[i]];
  }
  return picked;
}

bool sentence_ranker::is_redundant(std::size_t candidate,
                                   const std::vector<std::size_t>& picked) const {
  return std::any_of(picked.begin(), picked.end(), [&](std::size_t p) {
    return term_index::cosine(vectors_[candidate], vectors_[p]) > max_similarity;
  });
}

} // namespace troupe

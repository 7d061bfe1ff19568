#include "runtime/model/text/term_index.hpp"

#include <cmath>
#include <map>
#include <set>

namespace troupe {

namespace {

term_index::vector normalized(term_index::vector v) {
  double norm = 0;
  for (const auto& entry : v)
    norm += entry.second * entry.second;
  if (norm <= 0)
    return {};
  norm = std::sqrt(norm);
  for (auto& entry : v)
    entry.second /= norm;
  return v;
}

} // namespace

term_index::term_index(const std::vector<std::vector<std::string>>& units) {
  std::vector<std::size_t> document_frequency;
  for (const auto& unit : units) {
    std::set<std::size_t> seen;
    for (const auto& term : unit) {
      // Ids follow first appearance, so they depend only on the input.
      auto [it, added] = ids_.emplace(term, ids_.size());
      if (added)
        document_frequency.push_back(0);
      if (seen.insert(it->second).second)
        ++document_frequency[it->second];
    }
  }
  auto n = static_cast<double>(units.size());
  idf_.reserve(document_frequency.size());
  for (auto df : document_frequency)
    idf_.push_back(std::log((1 + n) / (1 + static_cast<double>(df))) + 1);
}

double term_index::idf(const std::string& term) const {
  auto it = ids_.find(term);
  return it == ids_.end() ? 0.0 : idf_[it->second];
}

term_index::vector term_index::vectorize(const std::vector<std::string>& terms) const {
  std::map<std::size_t, double> counts;
  for (const auto& term : terms)
    if (auto it = ids_.find(term); it != ids_.end())
      counts[it->second] += 1;
  vector v;
  v.reserve(counts.size());
  for (const auto& [id, count] : counts)
    v.emplace_back(id, (1 + std::log(count)) * idf_[id]);
  return normalized(std::move(v));
}

term_index::vector term_index::sum(const std::vector<vector>& vectors) {
  std::map<std::size_t, double> total;
  for (const auto& v : vectors)
    for (const auto& [id, weight] : v)
      total[id] += weight;
  return vector(total.begin(), total.end());
}

double term_index::dot(const vector& a, const vector& b) {
  double result = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      result += a[i++].second * b[j++].second;
    }
  }
  return result;
}

double term_index::cosine(const vector& a, const vector& b) {
  auto norms = dot(a, a) * dot(b, b);
  return norms > 0 ? dot(a, b) / std::sqrt(norms) : 0.0;
}

} // namespace troupe

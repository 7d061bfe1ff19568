#include "runtime/model/text/claim_checker.hpp"

#include <algorithm>
#include <set>

namespace troupe {

namespace {

constexpr double support_threshold = 0.6;

std::size_t terms_in(const std::vector<term_extractor::term>& terms,
                     const source_material::sentence& sentence) {
  auto keys = term_extractor::index_terms(sentence.terms);
  std::set<std::string> vocabulary(keys.begin(), keys.end());
  return static_cast<std::size_t>(std::count_if(
      terms.begin(), terms.end(), [&](const auto& t) { return t.found_in(vocabulary); }));
}

} // namespace

claim_checker::claim_checker(const source_material& material) : material_(material) {}

claim_checker::verdict claim_checker::check(std::string_view claim) const {
  auto terms = term_extractor::distinct(extractor_.extract(claim));
  const auto& documents = material_.documents();
  std::vector<bool> supporting(documents.size(), false);
  std::set<std::string> ids;
  for (std::size_t d = 0; d < documents.size() && !terms.empty(); ++d) {
    auto found = std::count_if(terms.begin(), terms.end(),
                               [&](const auto& t) { return material_.mentions(d, t); });
    supporting[d] = static_cast<double>(found) >=
                    support_threshold * static_cast<double>(terms.size());
    if (supporting[d])
      ids.insert(documents[d].id);
  }
  verdict result;
  result.supported = !ids.empty();
  result.sources.assign(ids.begin(), ids.end());
  result.evidence = evidence(terms, supporting);
  return result;
}

std::string claim_checker::evidence(const std::vector<term_extractor::term>& terms,
                                    const std::vector<bool>& supporting) const {
  const source_material::sentence* best = nullptr;
  std::size_t best_count = 0;
  for (const auto& sentence : material_.sentences()) {
    if (!supporting[sentence.document])
      continue;
    // Strictly more: the earliest sentence wins a tie.
    if (auto count = terms_in(terms, sentence); count > best_count) {
      best = &sentence;
      best_count = count;
    }
  }
  return best ? best->text : std::string{};
}

} // namespace troupe

#include "runtime/model/text/trend_finder.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace troupe {

namespace {

struct occurrences {
  std::set<std::size_t> documents;
  std::size_t total = 0;
  std::map<std::string, std::size_t> forms;         // as written -> count
  std::map<std::string, std::size_t> initial_forms; // the same, starting a sentence
  std::vector<std::string> words;                   // a phrase's stems; empty for a word
};

using occurrence_map = std::map<std::string, occurrences>;
using entry = occurrence_map::value_type;

struct occurrence {
  std::string key;
  std::string form;
  std::size_t document;
  bool starts_sentence;
  std::vector<std::string> words;
};

void count(occurrence_map& map, occurrence o) {
  auto& entry = map[o.key];
  entry.documents.insert(o.document);
  ++entry.total;
  ++(o.starts_sentence ? entry.initial_forms : entry.forms)[o.form];
  entry.words = std::move(o.words);
}

/// Words and adjacent word pairs of every sentence. Only the whole word
/// counts, not its hyphen parts: "grid-scale" is one theme, not three.
occurrence_map collect(const source_material& material) {
  occurrence_map map;
  for (const auto& s : material.sentences()) {
    for (std::size_t i = 0; i < s.terms.size(); ++i) {
      const auto& t = s.terms[i];
      bool first = i == 0 && s.text.compare(0, t.surface.size(), t.surface) == 0;
      count(map, {t.stem, t.surface, s.document, first, {}});
      if (i == 0 || !t.joins_previous || s.terms[i - 1].stem == t.stem)
        continue;
      const auto& prev = s.terms[i - 1];
      bool phrase_first =
          i == 1 && s.text.compare(0, prev.surface.size(), prev.surface) == 0;
      count(map, {prev.stem + " " + t.stem,
                  prev.surface + " " + t.surface,
                  s.document,
                  phrase_first,
                  {prev.stem, t.stem}});
    }
  }
  return map;
}

std::string ascii_lower(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// The most frequent spelling, compared case-insensitively, shown in lower
/// case unless the documents never write it so ("EU", "Tesla").
std::string usual_form(const std::map<std::string, std::size_t>& forms) {
  std::map<std::string, std::size_t> by_lower;
  for (const auto& [form, n] : forms)
    by_lower[ascii_lower(form)] += n;
  auto by_count = [](const auto& a, const auto& b) { return a.second < b.second; };
  // max_element keeps the first of equal maxima: ties go to the smaller string.
  auto best = std::max_element(by_lower.begin(), by_lower.end(), by_count)->first;
  if (forms.count(best) != 0)
    return best;
  std::map<std::string, std::size_t> variants;
  for (const auto& [form, n] : forms)
    if (ascii_lower(form) == best)
      variants.emplace(form, n);
  return std::max_element(variants.begin(), variants.end(), by_count)->first;
}

/// "Battery storage" -> "battery storage", but "EU rules" and "LiFePO4"
/// keep their capitals: only a capital that may be due to the sentence start
/// goes.
std::string without_sentence_capital(std::string form) {
  bool other_capitals = std::any_of(form.begin() + 1, form.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
  });
  if (!other_capitals)
    form[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(form[0])));
  return form;
}

/// A capital at the start of a sentence says nothing about the word, so
/// those spellings count only for a term never seen elsewhere.
std::string display_form(const occurrences& o) {
  if (!o.forms.empty())
    return usual_form(o.forms);
  return without_sentence_capital(usual_form(o.initial_forms));
}

bool ranks_before(const entry* a, const entry* b) {
  const auto& x = a->second;
  const auto& y = b->second;
  if (x.documents.size() != y.documents.size())
    return x.documents.size() > y.documents.size();
  if (x.words.empty() != y.words.empty())
    return !x.words.empty();
  if (x.total != y.total)
    return x.total > y.total;
  return a->first < b->first;
}

/// A word adds nothing next to a picked phrase that contains it and
/// reaches the same documents.
bool is_covered(const entry& word, const std::vector<const entry*>& picked) {
  return std::any_of(picked.begin(), picked.end(), [&](const entry* p) {
    const auto& words = p->second.words;
    return std::find(words.begin(), words.end(), word.first) != words.end() &&
           p->second.documents == word.second.documents;
  });
}

std::vector<std::string> source_ids(const source_material& material,
                                    const std::set<std::size_t>& documents) {
  std::set<std::string> ids;
  for (auto d : documents)
    ids.insert(material.documents()[d].id);
  return {ids.begin(), ids.end()};
}

bool only_known(const entry& e, const std::set<std::string>& known) {
  if (e.second.words.empty())
    return known.count(e.first) != 0;
  return std::all_of(e.second.words.begin(), e.second.words.end(),
                     [&](const std::string& w) { return known.count(w) != 0; });
}

} // namespace

std::vector<trend_finder::trend> trend_finder::find(const source_material& material,
                                                    std::size_t limit,
                                                    const std::set<std::string>& known) {
  auto map = collect(material);
  std::vector<const entry*> candidates;
  for (const auto& e : map)
    if (e.second.documents.size() >= 2 && !only_known(e, known))
      candidates.push_back(&e);
  std::sort(candidates.begin(), candidates.end(), ranks_before);
  std::vector<const entry*> picked;
  for (const auto* c : candidates) {
    if (picked.size() >= limit)
      break;
    if (c->second.words.empty() && is_covered(*c, picked))
      continue;
    picked.push_back(c);
  }
  std::vector<trend> trends;
  for (const auto* p : picked)
    trends.push_back(
        {display_form(p->second), source_ids(material, p->second.documents)});
  return trends;
}

} // namespace troupe

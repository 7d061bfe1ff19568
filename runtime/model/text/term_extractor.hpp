#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// Turns text into content terms for matching: words are lower-cased,
/// English stopwords (and question words such as what/how/why/main) and
/// numbers are dropped, and the rest is lightly stemmed so "batteries",
/// "battery" and "battery's" meet. A hyphenated word is kept joined
/// ("trade-offs" and "tradeoffs" both stem to "tradeoff") and its parts
/// are indexed as well ("grid-scale" also matches "grid" and "scale").
class term_extractor {
public:
  struct term {
    std::string surface;            // the word as written, possessive removed
    std::string stem;               // the matching key of the whole word
    std::vector<std::string> parts; // stems of hyphen parts, other than stem
    bool joins_previous = false;    // the previous word is a term, only spaces between

    /// Whether a text indexed under `keys` says this term: it has the stem,
    /// or every one of two or more hyphen parts ("grid scale" says
    /// "grid-scale"). One part alone is too weak: "trade" in "trade policy"
    /// is not "trade-offs".
    bool found_in(const std::set<std::string>& keys) const;
  };

  std::vector<term> extract(std::string_view text) const;

  /// The keys under which `terms` are indexed: each stem, then its parts.
  static std::vector<std::string> index_terms(const std::vector<term>& terms);

  /// `terms` with each stem kept once, at its first occurrence: a word
  /// repeated in a question or claim counts once.
  static std::vector<term> distinct(std::vector<term> terms);

  /// Light, deterministic suffix stripping of a lower-case word: plurals
  /// (-s, -es, -ies), -ing and -ed (undoubling "runn" to "run"), then a
  /// final silent e, so that "store", "stores", "stored" and "storing" all
  /// become "stor". Words with a '.' (acronyms like "u.s") are kept as is.
  static std::string stem(std::string_view lower_word);

  static bool is_stopword(std::string_view lower_word);

private:
  static bool make_term(std::string_view raw, term& out);
};

} // namespace troupe

#include "tools/fts_query.hpp"

#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace troupe {

namespace {

// Words so common that OR-ing them in would rank documents by filler.
constexpr std::array<std::string_view, 40> stopwords = {
    "a",    "an",  "and",  "are", "as",  "at",   "be",   "but",   "by",   "do",
    "does", "for", "from", "had", "has", "have", "how",  "i",     "if",   "in",
    "into", "is",  "it",   "its", "not", "of",   "on",   "or",    "so",   "than",
    "that", "the", "this", "to",  "was", "what", "when", "which", "with", "why"};

// A long pasted text must not become a query with thousands of terms.
constexpr std::size_t max_words = 64;

/// Whether a non-ASCII code point belongs to a word. Without Unicode tables
/// at hand, letters are everything outside the punctuation and symbol
/// blocks that commonly appear between words (Latin-1 signs, dashes and
/// quotes, CJK punctuation, fullwidth ASCII punctuation).
bool is_word_code_point(char32_t cp) {
  if (cp < 0x80)
    return std::isalnum(static_cast<int>(cp)) != 0;
  if ((cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7)
    return false;
  if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F))
    return false;
  return !(cp >= 0xFF00 && cp <= 0xFF0F) && cp != 0xFFFD;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t length = 1;
    if (pos < text.size() && is_word_code_point(utf8_decode(text, pos, length))) {
      for (auto c : text.substr(pos, length))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
    pos += length;
  }
  return out;
}

bool is_stopword(const std::string& word) {
  return std::find(stopwords.begin(), stopwords.end(), word) != stopwords.end();
}

} // namespace

std::string fts_query(std::string_view text) {
  std::vector<std::string> kept;
  for (auto& word : words(text)) {
    if (kept.size() == max_words)
      break;
    if (!is_stopword(word) && std::find(kept.begin(), kept.end(), word) == kept.end())
      kept.push_back(std::move(word));
  }
  std::string query;
  for (const auto& word : kept) {
    if (!query.empty())
      query += " OR ";
    // Words hold no '"', so quoting makes each a plain phrase, never syntax.
    query += '"' + word + '"';
  }
  return query;
}

} // namespace troupe

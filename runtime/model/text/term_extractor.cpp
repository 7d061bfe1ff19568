#include "runtime/model/text/term_extractor.hpp"

#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_set>

namespace troupe {

namespace {

bool is_ascii_alnum(char32_t code) {
  return code < 0x80 && std::isalnum(static_cast<int>(code)) != 0;
}

/// Non-ASCII code points that are punctuation or symbols rather than
/// letters: Latin-1 signs, general punctuation through dingbats, CJK
/// punctuation, fullwidth signs, the replacement character and emoji.
bool is_non_ascii_symbol(char32_t code) {
  return (code >= 0x80 && code <= 0xBF) || code == 0xD7 || code == 0xF7 ||
         (code >= 0x2000 && code <= 0x2BFF) || (code >= 0x3000 && code <= 0x303F) ||
         (code >= 0xFE10 && code <= 0xFE6F) || (code >= 0xFF01 && code <= 0xFF0F) ||
         code == 0xFFFD || (code >= 0x1F000 && code <= 0x1FAFF);
}

bool is_word_char(char32_t code) {
  return is_ascii_alnum(code) || (code >= 0x80 && !is_non_ascii_symbol(code));
}

bool is_space_code(char32_t code) {
  return (code < 0x80 && std::isspace(static_cast<int>(code)) != 0) || code == 0xA0 ||
         (code >= 0x2000 && code <= 0x200B) || code == 0x3000;
}

bool has_letter(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

bool ends_with(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() &&
         word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool has_vowel(std::string_view word) {
  return word.find_first_of("aeiouy") != std::string_view::npos;
}

/// "runn" -> "run", "stopp" -> "stop"; "ll", "ss" and "zz" stay ("install").
std::string undouble(std::string word) {
  auto n = word.size();
  if (n >= 2 && word[n - 1] == word[n - 2] && !has_vowel(word.substr(n - 1)) &&
      std::string_view{"lsz"}.find(word[n - 1]) == std::string_view::npos)
    word.pop_back();
  return word;
}

std::string strip_plural(std::string word) {
  if (ends_with(word, "ies") && word.size() > 4)
    return word.substr(0, word.size() - 3) + "y";
  for (std::string_view suffix : {"sses", "xes", "zes", "ches", "shes"})
    if (ends_with(word, suffix))
      return word.substr(0, word.size() - 2);
  // "-ss", "-us" and "-is" are singular: "loss", "status", "analysis".
  if (ends_with(word, "s") && !ends_with(word, "ss") && !ends_with(word, "us") &&
      !ends_with(word, "is"))
    word.pop_back();
  return word;
}

/// "-ing" and "-ed" go when a vowel is left in the base ("string" and
/// "shed" keep theirs); a base too short to stand keeps an e ("using" and
/// "used" become "use").
std::string strip_verb_ending(std::string word) {
  std::string_view ending;
  if (ends_with(word, "ing"))
    ending = "ing";
  else if (ends_with(word, "ed") && !ends_with(word, "eed"))
    ending = "ed";
  else
    return word;
  auto base = word.substr(0, word.size() - ending.size());
  if (!has_vowel(base))
    return word;
  if (base.size() < 3)
    return base + "e";
  return undouble(base);
}

std::string ascii_lower(std::string_view text) {
  std::string result{text};
  for (auto& c : result)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

/// The word starting at `pos`, with inner hyphens, apostrophes (’ becomes ')
/// and dots between ASCII letters or digits ("1.5", "u.s"); `pos` moves past
/// it.
std::string read_word(std::string_view text, std::size_t& pos) {
  std::string word;
  while (pos < text.size()) {
    std::size_t length = 0;
    auto code = utf8_decode(text, pos, length);
    if (is_word_char(code)) {
      word.append(text.substr(pos, length));
      pos += length;
      continue;
    }
    bool connector = code == '-' || code == '\'' || code == U'\u2019' || code == '.';
    if (!connector || pos + length >= text.size())
      break;
    std::size_t next_length = 0;
    auto next = utf8_decode(text, pos + length, next_length);
    bool joins = code == '.' ? is_ascii_alnum(next) &&
                                   is_ascii_alnum(static_cast<unsigned char>(word.back()))
                             : is_word_char(next);
    if (!joins)
      break;
    word += code == U'\u2019' ? '\'' : static_cast<char>(code);
    pos += length;
  }
  return word;
}

std::vector<std::string> split_hyphens(std::string_view word) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (auto dash = word.find('-'); dash != std::string_view::npos;
       dash = word.find('-', start)) {
    parts.emplace_back(word.substr(start, dash - start));
    start = dash + 1;
  }
  parts.emplace_back(word.substr(start));
  return parts;
}

} // namespace

bool term_extractor::is_stopword(std::string_view lower_word) {
  static const std::unordered_set<std::string_view> stopwords = {
      // Common English function words.
      "a", "about", "above", "across", "after", "again", "against", "all", "almost",
      "along", "already", "also", "although", "always", "am", "among", "an", "and",
      "another", "any", "are", "around", "as", "at", "be", "because", "been", "before",
      "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "did",
      "do", "does", "doing", "done", "down", "during", "each", "either", "else", "even",
      "ever", "every", "few", "for", "from", "further", "get", "gets", "got", "had",
      "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
      "his", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
      "least", "less", "let", "like", "many", "may", "me", "might", "more", "most",
      "much", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off",
      "often", "on", "once", "one", "only", "or", "other", "others", "otherwise", "our",
      "ours", "ourselves", "out", "over", "own", "per", "quite", "rather", "same",
      "shall", "she", "should", "since", "so", "some", "still", "such", "than", "that",
      "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
      "this", "those", "though", "through", "thus", "to", "too", "under", "until", "up",
      "upon", "us", "very", "via", "was", "we", "well", "were", "whereas", "whether",
      "while", "will", "with", "within", "without", "would", "yet", "you", "your",
      "yours", "yourself", "yourselves",
      // Contractions, once apostrophes are removed, and Latin abbreviations.
      "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent",
      "im", "isnt", "ive", "shouldnt", "thats", "theres", "theyre", "wasnt", "werent",
      "wont", "wouldnt", "youre", "e.g", "eg", "etc", "i.e", "ie", "vs",
      // Question words: they shape a question but are never its topic.
      "how", "main", "what", "whatever", "when", "where", "which", "who", "whom", "whose",
      "why"};
  return stopwords.count(lower_word) != 0;
}

std::string term_extractor::stem(std::string_view lower_word) {
  std::string word{lower_word};
  if (word.size() <= 3 || word.find('.') != std::string::npos)
    return word;
  word = strip_verb_ending(strip_plural(std::move(word)));
  if (word.size() >= 4 && ends_with(word, "e") && !ends_with(word, "ee"))
    word.pop_back();
  return word;
}

bool term_extractor::make_term(std::string_view raw, term& out) {
  std::string surface{raw};
  if (ends_with(ascii_lower(surface), "'s"))
    surface.resize(surface.size() - 2);
  auto key = ascii_lower(surface);
  key.erase(std::remove(key.begin(), key.end(), '\''), key.end());
  auto parts = split_hyphens(key);
  std::string joined;
  for (const auto& part : parts)
    joined += part;
  if (joined.size() < 2 || !has_letter(joined) || is_stopword(joined))
    return false;
  out.surface = std::move(surface);
  out.stem = stem(joined);
  if (parts.size() < 2)
    return true;
  for (const auto& part : parts) {
    if (part.size() < 2 || !has_letter(part) || is_stopword(part))
      continue;
    // "offs" is no stopword but its stem "off" is.
    auto part_stem = stem(part);
    if (!is_stopword(part_stem) && part_stem != out.stem &&
        std::find(out.parts.begin(), out.parts.end(), part_stem) == out.parts.end())
      out.parts.push_back(std::move(part_stem));
  }
  return true;
}

std::vector<term_extractor::term> term_extractor::extract(std::string_view text) const {
  std::vector<term> terms;
  bool previous_is_term = false;
  bool only_spaces = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 0;
    auto code = utf8_decode(text, pos, length);
    if (!is_word_char(code)) {
      only_spaces = only_spaces && is_space_code(code);
      pos += length;
      continue;
    }
    term next;
    bool kept = make_term(read_word(text, pos), next);
    if (kept) {
      next.joins_previous = previous_is_term && only_spaces;
      terms.push_back(std::move(next));
    }
    previous_is_term = kept;
    only_spaces = true;
  }
  return terms;
}

bool term_extractor::term::found_in(const std::set<std::string>& keys) const {
  if (keys.count(stem) != 0)
    return true;
  return parts.size() >= 2 && std::all_of(parts.begin(), parts.end(), [&](const auto& p) {
           return keys.count(p) != 0;
         });
}

std::vector<std::string> term_extractor::index_terms(const std::vector<term>& terms) {
  std::vector<std::string> keys;
  for (const auto& t : terms) {
    keys.push_back(t.stem);
    keys.insert(keys.end(), t.parts.begin(), t.parts.end());
  }
  return keys;
}

std::vector<term_extractor::term> term_extractor::distinct(std::vector<term> terms) {
  std::set<std::string> seen;
  std::vector<term> result;
  for (auto& t : terms)
    if (seen.insert(t.stem).second)
      result.push_back(std::move(t));
  return result;
}

} // namespace troupe

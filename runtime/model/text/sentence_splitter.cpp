#include "runtime/model/text/sentence_splitter.hpp"

#include "runtime/text/ascii_text.hpp"
#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace troupe {

namespace {

/// Words that end with a period without ending the sentence. "etc" is left
/// out on purpose: it mostly does end one, and "etc. and" stays together
/// anyway because the next word is in lower case.
constexpr std::string_view abbreviations[] = {
    "al",   "approx", "apr",  "aug", "ca",  "cf",  "co",  "corp", "dec", "dept",
    "dr",   "e.g",    "eq",   "est", "feb", "fig", "i.e", "inc",  "jan", "jr",
    "jul",  "jun",    "ltd",  "mar", "mr",  "mrs", "ms",  "nov",  "oct", "pp",
    "prof", "sep",    "sept", "sr",  "st",  "vol", "vs",
};

/// Title lines have no sentence punctuation and are short; longer lines
/// without a period are more likely statements missing one.
constexpr std::size_t max_title_words = 12;

bool is_ascii_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

std::string lower(std::string_view text) {
  std::string result{text};
  for (auto& c : result)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

bool is_heading(std::string_view line) {
  auto hashes = line.find_first_not_of('#');
  if (hashes == 0)
    return false;
  return hashes == std::string_view::npos ||
         (hashes <= 6 && is_ascii_space(line[hashes]));
}

/// "---", "***", "===", "- - -": markdown rules and setext underlines.
bool is_rule(std::string_view line) {
  auto marks =
      std::count_if(line.begin(), line.end(), [](char c) { return !is_ascii_space(c); });
  return marks >= 3 && line.find_first_not_of("-*_= \t") == std::string_view::npos;
}

/// The text of a list item without its marker ("- ", "* ", "+ ", "• ",
/// "1. ", "2) "), or nothing when `line` is not a list item.
std::optional<std::string_view> list_item_body(std::string_view line) {
  for (std::string_view marker : {"- ", "* ", "+ ", "\xE2\x80\xA2 "})
    if (line.substr(0, marker.size()) == marker)
      return trim(line.substr(marker.size()));
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])))
    ++digits;
  if (digits == 0 || digits > 3 || digits + 1 >= line.size())
    return std::nullopt;
  if ((line[digits] != '.' && line[digits] != ')') || !is_ascii_space(line[digits + 1]))
    return std::nullopt;
  return trim(line.substr(digits + 2));
}

std::string_view strip_quote_marker(std::string_view line) {
  while (!line.empty() && line.front() == '>')
    line = trim(line.substr(1));
  return line;
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    if (!is_ascii_space(c) && !in_word)
      ++words;
    in_word = !is_ascii_space(c);
  }
  return words;
}

bool is_terminal(char c) {
  return c == '.' || c == '!' || c == '?';
}

/// Skips closing quotes and brackets that belong to the sentence just ended,
/// as in `He said "no."` or `(see above.)`.
std::size_t skip_closers(std::string_view text, std::size_t pos) {
  static constexpr std::array<std::string_view, 7> closers = {
      ")", "]", "\"", "'", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB",
  };
  for (bool found = true; found && pos < text.size();) {
    found = false;
    for (auto closer : closers) {
      if (text.compare(pos, closer.size(), closer) == 0) {
        pos += closer.size();
        found = true;
        break;
      }
    }
  }
  return pos;
}

/// The word in front of the period at `pos`, with leading brackets and
/// quotes left out.
std::string_view word_before(std::string_view text, std::size_t pos) {
  auto begin = pos;
  while (begin > 0 && !is_ascii_space(text[begin - 1]) &&
         std::string_view{"([\"'"}.find(text[begin - 1]) == std::string_view::npos)
    --begin;
  return text.substr(begin, pos - begin);
}

/// Initials and dotted acronyms: "J", "U.S", "e.g", "a.m".
bool is_dotted_letters(std::string_view word) {
  if (word.empty())
    return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    bool letter_slot = i % 2 == 0;
    if (letter_slot ? !is_ascii_alpha(word[i]) : word[i] != '.')
      return false;
  }
  return true;
}

bool is_abbreviation(std::string_view word) {
  if (is_dotted_letters(word))
    return true;
  auto key = lower(word);
  return std::find(std::begin(abbreviations), std::end(abbreviations), key) !=
         std::end(abbreviations);
}

/// A new sentence does not start with a lower-case letter; anything else
/// (capital, digit, quote, bracket, non-ASCII letter) may start one.
bool may_start_sentence(char c) {
  return !std::islower(static_cast<unsigned char>(c));
}

bool has_letter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
  });
}

std::string collapse_spaces(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_space = false;
  for (char c : trim(text)) {
    if (is_ascii_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space)
      result += ' ';
    pending_space = false;
    result += c;
  }
  return result;
}

} // namespace

sentence_splitter::sentence_splitter(std::size_t max_sentence_bytes)
    : max_sentence_bytes_(std::max<std::size_t>(max_sentence_bytes, 16)) {}

std::vector<std::string> sentence_splitter::split(std::string_view text) const {
  auto paras = paragraphs(text);
  std::vector<std::string> sentences;
  for (std::size_t i = 0; i < paras.size(); ++i) {
    // A short line without sentence punctuation in front of more text is a
    // title ("Grid storage: an overview"), not a statement to quote.
    const auto& para = paras[i];
    bool is_last = i + 1 == paras.size();
    bool unpunctuated = std::none_of(para.text.begin(), para.text.end(), is_terminal);
    if (!para.list_item && !is_last && unpunctuated &&
        word_count(para.text) <= max_title_words)
      continue;
    split_paragraph(para, sentences);
  }
  return sentences;
}

std::vector<sentence_splitter::paragraph>
sentence_splitter::paragraphs(std::string_view text) {
  std::vector<paragraph> result;
  paragraph current;
  auto flush = [&] {
    if (!current.text.empty())
      result.push_back(std::move(current));
    current = {};
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto eol = std::min(text.find('\n', pos), text.size());
    auto line = strip_quote_marker(trim(text.substr(pos, eol - pos)));
    pos = eol + 1;
    if (line.empty() || is_heading(line) || is_rule(line)) {
      flush();
    } else if (auto item = list_item_body(line)) {
      flush();
      current.text = std::string{*item};
      current.list_item = true;
    } else {
      if (!current.text.empty())
        current.text += ' ';
      current.text.append(line);
    }
  }
  flush();
  return result;
}

void sentence_splitter::split_paragraph(const paragraph& para,
                                        std::vector<std::string>& out) const {
  std::string_view text = para.text;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_terminal(text[i]))
      continue;
    auto end = i + 1;
    while (end < text.size() && is_terminal(text[end]))
      ++end;
    end = skip_closers(text, end);
    auto next = end;
    while (next < text.size() && is_ascii_space(text[next]))
      ++next;
    // Not a boundary: "1.5", "e.g.," (no space after), "approx. ten"
    // (lower case next), "Dr. Smith" (abbreviation).
    bool boundary =
        next == text.size() ||
        (next > end && may_start_sentence(text[next]) &&
         !(text[i] == '.' && end == i + 1 && is_abbreviation(word_before(text, i))));
    if (boundary) {
      add_sentence(text.substr(start, end - start), out);
      start = next;
    }
    i = end - 1;
  }
  add_sentence(text.substr(start), out);
}

void sentence_splitter::add_sentence(std::string_view raw,
                                     std::vector<std::string>& out) const {
  auto sentence = collapse_spaces(raw);
  if (!has_letter(sentence))
    return;
  if (sentence.size() > max_sentence_bytes_) {
    static constexpr std::string_view ellipsis = "\xE2\x80\xA6";
    auto head = utf8_prefix(sentence, max_sentence_bytes_ - ellipsis.size());
    // Prefer a word boundary, unless the only one is near the start.
    auto space = head.rfind(' ');
    if (space != std::string_view::npos && space > head.size() / 2)
      head = head.substr(0, space);
    sentence = std::string{head} + std::string{ellipsis};
  }
  out.push_back(std::move(sentence));
}

} // namespace troupe

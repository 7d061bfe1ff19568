#include "agents/section_splitter.hpp"

#include "runtime/text/ascii_text.hpp"
#include "runtime/text/utf8.hpp"

#include <cctype>
#include <optional>

namespace troupe {

namespace {

constexpr std::size_t max_heading_chars = 80;
constexpr std::string_view section_sign = "\xC2\xA7"; // §

/// What a heading line starts: its heading, and whether the line belongs
/// to the section's text too.
struct heading_line {
  std::string heading;
  bool in_text = false;
};

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool starts_with_word(std::string_view line, std::string_view word) {
  if (line.size() < word.size())
    return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != word[i])
      return false;
  return true;
}

/// Length of the clause number at the start of `s`: "4", "2.3", "12.1.4"
/// (parts of one to three digits), or 0 when there is none.
std::size_t number_length(std::string_view s) {
  std::size_t pos = 0;
  while (true) {
    auto start = pos;
    while (pos < s.size() && is_digit(s[pos]) && pos - start < 3)
      ++pos;
    if (pos == start || (pos < s.size() && is_digit(s[pos])))
      return 0;
    if (pos + 1 < s.size() && s[pos] == '.' && is_digit(s[pos + 1]))
      ++pos;
    else
      return pos;
  }
}

/// Length of the upper-case roman numeral at the start of `s`, or 0.
std::size_t roman_length(std::string_view s) {
  auto end = s.find_first_not_of("IVXLCDM");
  return end == std::string_view::npos ? s.size() : end;
}

/// Whether a label ends at `pos` of `line`: at the end, or before a
/// character that cannot continue a word ("4.", "V:", "2.3 Fees").
bool label_ends_at(std::string_view line, std::size_t pos) {
  return pos == line.size() || !is_word_char(line[pos]);
}

/// "Section 4", "ARTICLE V", "Article 5.2": a keyword, blanks, a number.
bool is_keyword_clause(std::string_view line) {
  for (std::string_view word : {"section", "article"}) {
    if (!starts_with_word(line, word))
      continue;
    auto rest = line.substr(word.size());
    auto blanks = rest.find_first_not_of(" \t");
    if (blanks == 0 || blanks == std::string_view::npos)
      return false;
    rest.remove_prefix(blanks);
    auto length = number_length(rest);
    if (length == 0)
      length = roman_length(rest);
    return length > 0 && label_ends_at(rest, length);
  }
  return false;
}

/// "1.", "2.3", "4.1.2." followed by a blank or the end of the line. A bare
/// "7 " is not one: too many sentences start with a number.
bool is_numbered_clause(std::string_view line) {
  auto length = number_length(line);
  if (length == 0)
    return false;
  auto dotted = line.substr(0, length).find('.') != std::string_view::npos;
  if (length < line.size() && line[length] == '.') {
    dotted = true;
    ++length;
  }
  return dotted && (length == line.size() || is_ascii_space(line[length]));
}

/// "§ 5", "§5".
bool is_section_sign_clause(std::string_view line) {
  if (line.substr(0, section_sign.size()) != section_sign)
    return false;
  auto rest = trim(line.substr(section_sign.size()));
  return !rest.empty() && is_digit(rest.front());
}

/// "## Fees" gives "Fees": one to six '#', a blank, the heading; a closing
/// run of '#' is dropped as markdown does.
std::optional<std::string> markdown_heading(std::string_view line) {
  auto marks = line.find_first_not_of('#');
  if (marks == 0 || marks > 6 || marks == std::string_view::npos ||
      !is_ascii_space(line[marks]))
    return std::nullopt;
  auto heading = trim(line.substr(marks));
  auto closing = heading.find_last_not_of('#');
  if (closing != std::string_view::npos && closing + 1 < heading.size() &&
      is_ascii_space(heading[closing]))
    heading = trim(heading.substr(0, closing + 1));
  if (heading.empty())
    return std::nullopt;
  return std::string{heading};
}

/// `line` cut to max_heading_chars at a word break, marked with "…".
std::string cut_heading(std::string_view line) {
  if (utf8_length(line) <= max_heading_chars)
    return std::string{line};
  auto kept = utf8_first_chars(line, max_heading_chars - 1);
  // Break after a whole word, unless that would drop most of the line.
  auto blank = kept.find_last_of(' ');
  if (blank != std::string_view::npos && blank > kept.size() / 2)
    kept = kept.substr(0, blank);
  return std::string{trim(kept)} + "\u2026";
}

std::optional<heading_line> heading_of(std::string_view line) {
  line = trim(line);
  if (auto heading = markdown_heading(line))
    return heading_line{std::move(*heading), false};
  if (is_numbered_clause(line) || is_keyword_clause(line) || is_section_sign_clause(line))
    return heading_line{cut_heading(line), true};
  return std::nullopt;
}

bool is_fence(std::string_view line) {
  line = trim(line);
  return line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~";
}

/// The lines of `text`, without their line ends ("\n" or "\r\n").
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back(line);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

/// A section being gathered: its heading and its lines so far.
struct open_section {
  std::string heading;
  std::string text;
};

void append_line(open_section& section, std::string_view line) {
  section.text += line;
  section.text += '\n';
}

} // namespace

section_splitter::section_splitter(std::size_t min_chars) : min_chars_(min_chars) {}

std::vector<document_section> section_splitter::split(std::string_view text,
                                                      const std::string& title) const {
  std::vector<open_section> found{{"Preamble", {}}};
  bool in_fence = false;
  for (auto line : lines_of(text)) {
    if (is_fence(line))
      in_fence = !in_fence;
    auto heading = in_fence ? std::nullopt : heading_of(line);
    if (heading)
      found.push_back({std::move(heading->heading), {}});
    if (!heading || heading->in_text)
      append_line(found.back(), line);
  }
  if (found.size() == 1)
    return {{"s1", title, std::string{trim(text)}}};
  std::vector<document_section> sections;
  for (auto& s : found) {
    auto body = trim(s.text);
    auto is_blank_preamble = &s == &found.front() && body.empty();
    if (is_blank_preamble || utf8_length(body) < min_chars_)
      continue;
    sections.push_back({"s" + std::to_string(sections.size() + 1), std::move(s.heading),
                        std::string{body}});
  }
  return sections;
}

std::string section_splitter::title_of(std::string_view text) {
  for (auto line : lines_of(text)) {
    line = trim(line);
    if (line.empty())
      continue;
    if (auto heading = markdown_heading(line))
      return cut_heading(*heading);
    return cut_heading(line);
  }
  return {};
}

} // namespace troupe

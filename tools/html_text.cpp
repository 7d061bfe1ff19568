#include "tools/html_text.hpp"

#include "runtime/text/utf8.hpp"
#include "tools/plain_text_writer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace troupe {

namespace {

// Elements whose contents a reader never sees as page text. The title is
// dropped from the body because it is indexed as the title.
constexpr std::array<std::string_view, 7> hidden_elements = {
    "script", "style", "head", "title", "noscript", "template", "svg"};

constexpr std::array<std::string_view, 33> block_elements = {
    "p",       "div",   "h1",         "h2",         "h3",      "h4",      "h5",
    "h6",      "li",    "ul",         "ol",         "dl",      "dt",      "dd",
    "tr",      "table", "blockquote", "pre",        "section", "article", "header",
    "footer",  "hr",    "figure",     "figcaption", "main",    "nav",     "aside",
    "address", "form",  "details",    "summary",    "body"};

// Bounds the search for an entity's ';': no entity we decode is longer than
// "&#1114111;", and a bound keeps "AT&T ... ;" from swallowing text. Also
// keeps numeric references short enough not to overflow.
constexpr std::size_t max_entity_length = 10;

struct html_tag {
  std::string name; // lower case
  bool closing = false;
  std::size_t end = 0; // just past the '>'
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_ascii_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

bool is_ascii_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

char ascii_lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

/// Position of `needle` (lower case) in `text` from `from` on, ignoring case.
std::size_t find_ci(std::string_view text, std::string_view needle, std::size_t from) {
  auto it = std::search(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(),
                        needle.begin(), needle.end(),
                        [](char a, char b) { return ascii_lower(a) == b; });
  return it == text.end() ? std::string_view::npos
                          : static_cast<std::size_t>(it - text.begin());
}

/// Index just past the '>' closing a tag that starts before `pos`; quoted
/// attribute values may contain '>'.
std::size_t tag_end(std::string_view html, std::size_t pos) {
  char quote = 0;
  for (; pos < html.size(); ++pos) {
    char c = html[pos];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return pos + 1;
    }
  }
  return html.size();
}

/// The tag at `html[pos] == '<'`, or nothing when the '<' is plain text
/// ("a < b").
std::optional<html_tag> parse_tag(std::string_view html, std::size_t pos) {
  html_tag tag;
  auto i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= html.size() || !is_ascii_alpha(html[i]))
    return std::nullopt;
  for (; i < html.size() && (is_ascii_alnum(html[i]) || html[i] == '-'); ++i)
    tag.name += ascii_lower(html[i]);
  tag.end = tag_end(html, i);
  return tag;
}

/// Where the text resumes after a hidden element whose start tag ends at
/// `from`: past its end tag, or at the end of the page as browsers do. An
/// unclosed <head> ends where <body> starts, or else hides only its tag.
std::size_t skip_hidden(std::string_view html, const std::string& name,
                        std::size_t from) {
  auto close = find_ci(html, "</" + name, from);
  if (name == "head") {
    close = std::min(close, find_ci(html, "<body", from));
    if (close == std::string_view::npos)
      return from;
    return html[close + 1] == '/' ? tag_end(html, close) : close;
  }
  return close == std::string_view::npos ? html.size() : tag_end(html, close);
}

/// Index just past a comment, doctype or processing instruction at `pos`.
std::size_t skip_markup_declaration(std::string_view html, std::size_t pos) {
  if (html.compare(pos, 4, "<!--") == 0) {
    auto close = html.find("-->", pos + 4);
    return close == std::string_view::npos ? html.size() : close + 3;
  }
  auto close = html.find('>', pos);
  return close == std::string_view::npos ? html.size() : close + 1;
}

/// The value of digit `c` in base 16 or 10, or -1 when it is no digit.
int digit_value(char c, bool hex) {
  if (c >= '0' && c <= '9')
    return c - '0';
  auto lower = ascii_lower(c);
  return hex && lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

/// The code point of a numeric reference body such as "#233" or "#xE9".
std::optional<char32_t> numeric_entity(std::string_view name) {
  bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
  auto digits = name.substr(hex ? 2 : 1);
  if (digits.empty())
    return std::nullopt;
  char32_t cp = 0;
  for (char c : digits) {
    auto d = digit_value(c, hex);
    if (d < 0)
      return std::nullopt;
    cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
  }
  // Null, surrogates and values past Unicode would make invalid UTF-8.
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return U'\uFFFD';
  return cp;
}

/// The text an entity body (between '&' and ';') stands for.
std::optional<std::string> decode_entity(std::string_view name) {
  if (name == "amp")
    return "&";
  if (name == "lt")
    return "<";
  if (name == "gt")
    return ">";
  if (name == "quot")
    return "\"";
  if (name == "apos")
    return "'";
  if (name == "nbsp")
    return " ";
  if (name.empty() || name[0] != '#')
    return std::nullopt;
  auto cp = numeric_entity(name);
  if (!cp)
    return std::nullopt;
  // A no-break space separates words like a space does.
  if (*cp == 0xA0)
    return " ";
  std::string out;
  utf8_append(out, *cp);
  return out;
}

/// Writes the text run `text` (no tags), decoding its entities; an '&' that
/// starts no known entity stays as it is.
void write_text_run(std::string_view text, plain_text_writer& out) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto amp = text.find('&', pos);
    out.text(text.substr(pos, amp - pos));
    if (amp == std::string_view::npos)
      return;
    auto semi = text.find(';', amp + 1);
    auto decoded = semi != std::string_view::npos && semi - amp <= max_entity_length
                       ? decode_entity(text.substr(amp + 1, semi - amp - 1))
                       : std::nullopt;
    out.text(decoded ? *decoded : "&");
    pos = decoded ? semi + 1 : amp + 1;
  }
}

/// Applies `tag`'s effect on the text; returns where the text resumes.
std::size_t write_tag(std::string_view html, const html_tag& tag,
                      plain_text_writer& out) {
  if (!tag.closing && contains(hidden_elements, tag.name))
    return skip_hidden(html, tag.name, tag.end);
  if (tag.name == "br")
    out.line_break();
  else if (contains(block_elements, tag.name))
    out.paragraph_break();
  else if (tag.name == "td" || tag.name == "th")
    out.space();
  return tag.end;
}

/// The page's markup handled from `html[pos] == '<'`; returns where the
/// text resumes.
std::size_t write_markup(std::string_view html, std::size_t pos, plain_text_writer& out) {
  auto next = pos + 1 < html.size() ? html[pos + 1] : '\0';
  if (next == '!' || next == '?')
    return skip_markup_declaration(html, pos);
  if (auto tag = parse_tag(html, pos))
    return write_tag(html, *tag, out);
  out.text("<");
  return pos + 1;
}

/// The contents of the first `name` element, or nothing when absent.
std::optional<std::string_view> element_contents(std::string_view html,
                                                 std::string_view name) {
  auto open = "<" + std::string{name};
  for (auto pos = find_ci(html, open, 0); pos != std::string_view::npos;
       pos = find_ci(html, open, pos + 1)) {
    // "<h1>" or "<h1 class=...>", not "<h10>" or "<titles>".
    auto after = pos + open.size();
    if (after < html.size() && is_ascii_alnum(html[after]))
      continue;
    auto start = tag_end(html, after);
    auto close = find_ci(html, "</" + std::string{name}, start);
    return html.substr(start, close == std::string_view::npos ? html.size() - start
                                                              : close - start);
  }
  return std::nullopt;
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  text.erase(std::unique(text.begin(), text.end(),
                         [](char a, char b) { return a == ' ' && b == ' '; }),
             text.end());
  return text;
}

} // namespace

std::string html_to_text(std::string_view html) {
  plain_text_writer out;
  std::size_t pos = 0;
  while (pos < html.size()) {
    auto lt = html.find('<', pos);
    write_text_run(html.substr(pos, lt - pos), out);
    if (lt == std::string_view::npos)
      break;
    pos = write_markup(html, lt, out);
  }
  return out.str();
}

std::string html_title(std::string_view html) {
  // <title> holds text only, so decoding suffices; <h1> may hold markup.
  if (auto title = element_contents(html, "title")) {
    plain_text_writer out;
    write_text_run(*title, out);
    if (!out.str().empty())
      return out.str();
  }
  if (auto heading = element_contents(html, "h1"))
    return one_line(html_to_text(*heading));
  return {};
}

} // namespace troupe

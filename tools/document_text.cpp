#include "tools/document_text.hpp"

#include "runtime/text/ascii_text.hpp"
#include "runtime/text/utf8.hpp"
#include "tools/html_text.hpp"

#include <algorithm>
#include <cctype>

namespace troupe {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string lower(std::string_view text) {
  std::string out{text};
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Valid UTF-8 with "\n" line ends and no byte order mark, so the formats
/// below only ever see one kind of line end.
std::string normalize(std::string_view content) {
  if (content.substr(0, utf8_bom.size()) == utf8_bom)
    content.remove_prefix(utf8_bom.size());
  auto text = utf8_sanitize(content);
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

/// "lithium-ion_costs" -> "lithium ion costs".
std::string title_from_stem(std::string_view stem) {
  std::string title{stem};
  std::replace(title.begin(), title.end(), '-', ' ');
  std::replace(title.begin(), title.end(), '_', ' ');
  return std::string{trim(title)};
}

bool is_fence(std::string_view line) {
  auto text = trim(line);
  return text.substr(0, 3) == "```" || text.substr(0, 3) == "~~~";
}

/// Level of an ATX heading line ("## Costs" is 2), 0 for other lines. Up to
/// three spaces of indent are allowed; four make a code block.
std::size_t heading_level(std::string_view line) {
  auto indent = line.find_first_not_of(' ');
  if (indent == std::string_view::npos || indent > 3)
    return 0;
  auto hashes = line.find_first_not_of('#', indent);
  auto level = (hashes == std::string_view::npos ? line.size() : hashes) - indent;
  if (level == 0 || level > 6)
    return 0;
  bool ends_marker =
      hashes == std::string_view::npos || line[hashes] == ' ' || line[hashes] == '\t';
  return ends_marker ? level : 0;
}

/// The text of a heading line without its opening and closing '#' runs.
std::string_view heading_text(std::string_view line) {
  auto text = trim(line);
  text = trim(text.substr(std::min(text.find_first_not_of('#'), text.size())));
  // "## Costs ##": a closing run after a space is decoration too.
  auto last = text.find_last_not_of('#');
  if (last == std::string_view::npos)
    return {};
  if (last + 1 < text.size() && (text[last] == ' ' || text[last] == '\t'))
    text = trim(text.substr(0, last));
  return text;
}

document_text parse_markdown(std::string_view text, std::string_view stem) {
  document_text doc;
  bool in_fence = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = std::min(text.find('\n', pos), text.size());
    auto line = text.substr(pos, end - pos);
    pos = end + 1;
    if (is_fence(line))
      in_fence = !in_fence;
    // '#' lines inside a fence are code (shell comments), not headings.
    auto level = in_fence ? 0 : heading_level(line);
    if (level == 1 && doc.title.empty())
      doc.title = heading_text(line);
    doc.body.append(level > 0 ? heading_text(line) : line);
    doc.body += '\n';
  }
  doc.body = std::string{trim(doc.body)};
  if (doc.title.empty())
    doc.title = title_from_stem(stem);
  return doc;
}

document_text parse_html(std::string_view text, std::string_view stem) {
  document_text doc{html_title(text), html_to_text(text)};
  if (doc.title.empty())
    doc.title = title_from_stem(stem);
  return doc;
}

document_text parse_plain(std::string_view text, std::string_view stem) {
  return {title_from_stem(stem), std::string{trim(text)}};
}

} // namespace

document_text document_text::parse(std::string_view content, std::string_view extension,
                                   std::string_view stem) {
  auto text = normalize(content);
  auto format = lower(extension);
  if (format == ".md" || format == ".markdown")
    return parse_markdown(text, stem);
  if (format == ".html" || format == ".htm")
    return parse_html(text, stem);
  return parse_plain(text, stem);
}

} // namespace troupe

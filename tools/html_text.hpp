#pragma once

// HTML to searchable plain text. Not a full HTML parser: corpus pages only
// need their visible words, so tags are stripped, invisible elements dropped
// and the common entities decoded.

#include <string>
#include <string_view>

namespace troupe {

/// The visible text of `html`: script, style and head contents dropped, tags
/// stripped, entities decoded, whitespace collapsed. Block elements (p, div,
/// h1-h6, li, ...) end paragraphs, which stay apart as blank lines.
std::string html_to_text(std::string_view html);

/// The text of the <title> element, or else of the first <h1>, on one line;
/// empty when the page has neither or they are blank.
std::string html_title(std::string_view html);

} // namespace troupe

#pragma once

#include <string>
#include <string_view>

namespace troupe {

/// The searchable parts of one corpus file: its title and its plain text.
struct document_text {
  std::string title;
  std::string body;

  /// Reads `content` in the format its file `extension` names (".md",
  /// ".markdown", ".html", ".htm"; anything else is plain text). `stem`, the
  /// file name without extension, is the title when the content has none.
  /// The result is valid UTF-8 whatever bytes `content` holds.
  static document_text parse(std::string_view content, std::string_view extension,
                             std::string_view stem);
};

} // namespace troupe

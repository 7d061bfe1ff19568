#pragma once

#include "agents/document_section.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// Splits a document's text into sections at its heading lines, the same
/// way every time. A heading line starts with a clause number ("1.",
/// "2.3", "Section 4", "ARTICLE V", "§ 5") or is a markdown heading
/// ("## Fees"), outside fenced code blocks. A clause line stays the first
/// line of its section's text, since contracts often write a whole clause
/// on it; a markdown heading line is markup and does not. Text before the
/// first heading becomes a "Preamble" section when it is not blank.
class section_splitter {
public:
  /// Sections of fewer than `min_chars` characters of text are left out.
  explicit section_splitter(std::size_t min_chars = 1);

  /// The sections of `text`, ids "s1", "s2"... in order after leaving out
  /// short ones. Text without headings (blank text too) is one section,
  /// headed `title`, holding all of it, whatever its length.
  std::vector<document_section> split(std::string_view text,
                                      const std::string& title) const;

  /// A title for a document that names none: its first non-blank line,
  /// markdown marks removed, cut to 80 characters.
  static std::string title_of(std::string_view text);

private:
  std::size_t min_chars_;
};

} // namespace troupe

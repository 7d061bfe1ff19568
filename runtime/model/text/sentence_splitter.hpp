#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// Splits plain or markdown text into sentences that can be quoted on their
/// own. Headings, rules and short title lines are dropped (they are labels,
/// not statements); bullet and number markers are stripped and each list
/// item ends a sentence; a line break inside a paragraph is a soft wrap.
/// A period ends a sentence unless it belongs to an abbreviation (e.g.,
/// i.e., Dr.), an initial or dotted acronym (J., U.S.), a number (1.5), or
/// the next word starts in lower case. Whitespace inside a sentence is
/// collapsed to single spaces.
class sentence_splitter {
public:
  /// Sentences longer than `max_sentence_bytes` are cut at a word boundary
  /// and end with "…", so a run-on text without punctuation cannot flood
  /// an answer.
  explicit sentence_splitter(std::size_t max_sentence_bytes = 600);

  std::vector<std::string> split(std::string_view text) const;

private:
  struct paragraph {
    std::string text;
    bool list_item = false;
  };

  static std::vector<paragraph> paragraphs(std::string_view text);
  void split_paragraph(const paragraph& para, std::vector<std::string>& out) const;
  void add_sentence(std::string_view raw, std::vector<std::string>& out) const;

  std::size_t max_sentence_bytes_;
};

} // namespace troupe

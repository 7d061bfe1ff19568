#pragma once

#include "runtime/model/text/prompt_blocks.hpp"
#include "runtime/model/text/sentence_splitter.hpp"
#include "runtime/model/text/term_extractor.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace troupe {

/// The documents of a prompt, split into sentences with their terms, plus
/// each document's vocabulary for "does this source mention X" questions.
/// Without document blocks, the text outside the blocks is the material,
/// as one document with id "input".
class source_material {
public:
  struct sentence {
    std::size_t document = 0; // index into documents()
    std::string text;
    std::vector<term_extractor::term> terms;
    std::size_t words = 0;
  };

  source_material(const prompt_blocks& blocks, const sentence_splitter& splitter,
                  const term_extractor& extractor);

  const std::vector<prompt_blocks::document>& documents() const { return documents_; }
  const std::vector<sentence>& sentences() const { return sentences_; }

  /// Whether document `document` (title or text) mentions `t`.
  bool mentions(std::size_t document, const term_extractor::term& t) const;

  bool mentioned_anywhere(const term_extractor::term& t) const;

private:
  void add_document(const prompt_blocks::document& doc, const sentence_splitter& splitter,
                    const term_extractor& extractor);

  std::vector<prompt_blocks::document> documents_;
  std::vector<sentence> sentences_;
  std::vector<std::set<std::string>> vocabularies_;
};

/// The text the local model reads from a document: the text itself, or for
/// a document that is JSON (agents pass structured outputs on as JSON), its
/// string values, one sentence each.
std::string readable_text(const std::string& text);

} // namespace troupe

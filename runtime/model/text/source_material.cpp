#include "runtime/model/text/source_material.hpp"

#include <algorithm>

namespace troupe {

namespace {

std::size_t word_count(const std::string& sentence) {
  // Sentences come out of the splitter with single spaces between words.
  return sentence.empty() ? 0 : 1 + std::count(sentence.begin(), sentence.end(), ' ');
}

} // namespace

source_material::source_material(const prompt_blocks& blocks,
                                 const sentence_splitter& splitter,
                                 const term_extractor& extractor) {
  if (blocks.documents.empty()) {
    add_document({"input", "", blocks.instructions}, splitter, extractor);
    return;
  }
  for (const auto& doc : blocks.documents)
    add_document(doc, splitter, extractor);
}

void source_material::add_document(const prompt_blocks::document& doc,
                                   const sentence_splitter& splitter,
                                   const term_extractor& extractor) {
  auto index = documents_.size();
  documents_.push_back(doc);
  std::set<std::string> vocabulary;
  for (const auto* text : {&doc.title, &doc.text})
    for (auto& key : term_extractor::index_terms(extractor.extract(*text)))
      vocabulary.insert(std::move(key));
  vocabularies_.push_back(std::move(vocabulary));
  for (auto& text : splitter.split(doc.text)) {
    auto terms = extractor.extract(text);
    auto words = word_count(text);
    sentences_.push_back({index, std::move(text), std::move(terms), words});
  }
}

bool source_material::mentions(std::size_t document,
                               const term_extractor::term& t) const {
  return t.found_in(vocabularies_[document]);
}

bool source_material::mentioned_anywhere(const term_extractor::term& t) const {
  for (std::size_t i = 0; i < documents_.size(); ++i)
    if (mentions(i, t))
      return true;
  return false;
}

} // namespace troupe

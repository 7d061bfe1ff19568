#include "runtime/model/text/source_material.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace troupe {

namespace {

std::size_t word_count(const std::string& sentence) {
  // Sentences come out of the splitter with single spaces between words.
  return sentence.empty() ? 0 : 1 + std::count(sentence.begin(), sentence.end(), ' ');
}

/// Appends the string values of `v` as sentences, in document order.
void add_strings(const boost::json::value& v, std::string& out, int depth) {
  if (depth > 32)
    return;
  if (const auto* s = v.if_string()) {
    std::string text{s->c_str()};
    auto end = text.find_last_not_of(" \t\n");
    if (end == std::string::npos)
      return;
    out += text;
    out += std::string{".!?"}.find(text[end]) == std::string::npos ? ".\n" : "\n";
  } else if (const auto* a = v.if_array()) {
    for (const auto& x : *a)
      add_strings(x, out, depth + 1);
  } else if (const auto* o = v.if_object()) {
    for (const auto& kv : *o)
      add_strings(kv.value(), out, depth + 1);
  }
}

} // namespace

std::string readable_text(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (text[first] != '{' && text[first] != '['))
    return text;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec)
    return text;
  std::string out;
  add_strings(value, out, 0);
  return out;
}

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

void source_material::add_document(const prompt_blocks::document& given,
                                   const sentence_splitter& splitter,
                                   const term_extractor& extractor) {
  auto index = documents_.size();
  documents_.push_back(given);
  auto& doc = documents_.back();
  doc.text = readable_text(doc.text);
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

#include "agents/source_documents.hpp"

#include "runtime/agent/json_access.hpp"

namespace troupe {

std::string escape_block_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '&':
      out += "&amp;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string render_documents(const boost::json::array& summaries) {
  std::string out;
  for (const auto& s : summaries) {
    out += "<document id=\"" + escape_block_text(string_at(s, "source_id")) +
           "\" title=\"" + escape_block_text(string_at(s, "title")) + "\">\n";
    // One list item per finding: a finding without a full stop still ends
    // there instead of running into the next one.
    for (const auto& f : array_at(s, "findings"))
      out += "- " + escape_block_text(text_of(f)) + "\n";
    out += "</document>\n";
  }
  return out;
}

std::set<std::string> source_ids(const boost::json::array& summaries) {
  std::set<std::string> out;
  for (const auto& s : summaries)
    out.insert(string_at(s, "source_id"));
  return out;
}

} // namespace troupe

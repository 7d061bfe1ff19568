#pragma once

#include <boost/json.hpp>
#include <set>
#include <string>

namespace troupe {

/// The parts of a research report, as refine has checked them.
struct research_report {
  std::string question;
  std::string summary;
  boost::json::array supported;   // {"text", "sources": [id...]}
  boost::json::array unsupported; // {"text"}
  boost::json::array trends;      // analysis trends: {"term", "sources": [id...]}
  boost::json::array gaps;        // strings
  boost::json::array summaries;   // summarize outputs: the sources section
  std::string model;              // "provider/model" that produced the content

  /// Markdown with a sources section; every [id] cited is one of the sources.
  std::string to_markdown() const;
};

/// `ids` filtered to those in `allowed`: a report never cites a source that
/// search did not return, whatever a model claims.
boost::json::array cited_sources(const boost::json::value& ids,
                                 const std::set<std::string>& allowed);

} // namespace troupe

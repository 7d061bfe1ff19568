#pragma once

#include <boost/json.hpp>
#include <set>
#include <string>

namespace troupe {

/// Renders summarize outputs as prompt blocks, one per source:
///   <document id="ID" title="TITLE">finding finding ...</document>
/// Real models read the tags as structure; the local model reads them to
/// know what it may select from.
std::string render_documents(const boost::json::array& summaries);

/// The ids of the sources behind `summaries`: the only ids a report may cite.
std::set<std::string> source_ids(const boost::json::array& summaries);

/// Escapes text for use inside a prompt block (", <, > and &).
std::string escape_block_text(const std::string& text);

} // namespace troupe

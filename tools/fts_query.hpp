#pragma once

#include <string>
#include <string_view>

namespace troupe {

/// An FTS5 MATCH expression for the free text `text` that cannot be a syntax
/// error: its words (runs of letters and digits) each double-quoted and
/// OR-joined, lower-cased, without duplicates and common stopwords. Empty
/// when no word is left, in which case there is nothing to search for.
std::string fts_query(std::string_view text);

} // namespace troupe

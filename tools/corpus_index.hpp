#pragma once

#include "runtime/messages/search_hit.hpp"
#include "tools/corpus_scan.hpp"

#include <caf/expected.hpp>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace troupe {

/// What one refresh of the index did.
struct index_stats {
  int files_seen = 0;    // documents found, the skipped ones among them
  int files_indexed = 0; // new or changed since the last refresh
  int files_removed = 0;
  /// Documents the scan left out (links that lead outside or nowhere,
  /// folders it does not walk) and files that could not be indexed (binary,
  /// not UTF-8, too large, unreadable), each with the reason; by path.
  std::vector<corpus_scan::skipped_file> skipped;
};

/// A folder of .txt/.md/.html files indexed into SQLite FTS5 and ranked by
/// bm25. The index lives in its own database file and is refreshed
/// incrementally: only files whose mtime or size changed are re-read.
class corpus_index {
public:
  /// Opens (creating if needed) the index database `db_path` for `corpus_dir`.
  static caf::expected<corpus_index> open(const std::string& corpus_dir,
                                          const std::string& db_path);

  corpus_index(corpus_index&&) noexcept;
  corpus_index& operator=(corpus_index&&) noexcept;
  ~corpus_index();

  /// Brings the index in line with the folder.
  caf::expected<index_stats> refresh();

  /// Best `max_results` documents for free-text `query` (any words, no FTS
  /// syntax needed), best first. Hit ids are the file paths relative to the
  /// corpus folder without extension, e.g. "lithium-ion-costs".
  caf::expected<std::vector<search_hit>> search(const std::string& query,
                                                int max_results) const;

private:
  corpus_index() = default;
  std::string dir_;
  sqlite3* db_ = nullptr;
};

} // namespace troupe

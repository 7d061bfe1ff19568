#pragma once

#include "tools/corpus_scan.hpp"
#include "tools/document_text.hpp"
#include "tools/sqlite_statement.hpp"

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <cstdint>

struct sqlite3;

namespace troupe {

/// The changes one refresh of a corpus_index makes to its `files` and `fts`
/// tables, with each statement prepared once per refresh rather than once
/// per file. The caller owns the transaction around them.
class corpus_writer {
public:
  static caf::expected<corpus_writer> prepare(sqlite3* db);

  /// Adds `file` with its parsed text under a new doc id.
  caf::error insert(const corpus_scan::file& file, const document_text& doc);

  /// Drops document `doc_id` from both tables.
  caf::error remove(int64_t doc_id);

private:
  corpus_writer(sqlite3* db, sqlite_statement insert_file, sqlite_statement insert_text,
                sqlite_statement delete_file, sqlite_statement delete_text);

  sqlite3* db_;
  sqlite_statement insert_file_;
  sqlite_statement insert_text_;
  sqlite_statement delete_file_;
  sqlite_statement delete_text_;
};

} // namespace troupe

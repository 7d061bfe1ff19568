#pragma once

#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace troupe::bench {

/// The corpus benchmark's baseline: one plain FTS5 table, with the corpus
/// index's columns and tokenizer, filled and searched straight through
/// SQLite's C API as a careful hand-written client would: statements
/// prepared once, inserts in one transaction, WAL with synchronous=NORMAL
/// as the index uses. Throws on any SQLite error (benchmark setup).
class raw_fts_table {
public:
  /// Creates the database `db_path` (which must not exist) and its table.
  explicit raw_fts_table(const std::string& db_path);
  ~raw_fts_table();
  raw_fts_table(const raw_fts_table&) = delete;
  raw_fts_table& operator=(const raw_fts_table&) = delete;

  void begin();
  void insert(std::string_view title, std::string_view body);
  void commit();

  /// Rowids and bm25 scores (titles weighing 5, as in the index) of the best
  /// `limit` rows for the FTS5 expression `match`; answers how many came.
  int match(const std::string& match, int limit);

  /// The same, reading also what corpus_index::search reads of each hit: a
  /// snippet of the body and its first 20,000 bytes.
  int match_with_text(const std::string& match, int limit);

  /// The rows of match_with_text, the best ones chosen first and only
  /// their snippet and text read: what the index's query could do instead.
  int best_then_text(const std::string& match, int limit);

  /// The rows of match_with_text through FTS5's own `ORDER BY rank`: FTS5
  /// sorts, and only the rows LIMIT keeps are read.
  int by_rank(const std::string& match, int limit);

  /// How many rows `match` matches in all.
  int count(const std::string& match);

private:
  void close();
  void exec(const char* sql);
  sqlite3_stmt* prepare(const char* sql);
  int rows(sqlite3_stmt* stmt, const std::string& match, int limit);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* match_ = nullptr;
  sqlite3_stmt* match_text_ = nullptr;
  sqlite3_stmt* best_then_text_ = nullptr;
  sqlite3_stmt* by_rank_ = nullptr;
  sqlite3_stmt* count_ = nullptr;
};

} // namespace troupe::bench

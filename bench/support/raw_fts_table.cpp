#include "bench/support/raw_fts_table.hpp"

#include <sqlite3.h>
#include <stdexcept>

namespace troupe::bench {

namespace {

constexpr const char* schema_sql =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
    "CREATE VIRTUAL TABLE raw USING fts5(title, body, tokenize = 'porter unicode61');";

constexpr const char* match_sql = "SELECT rowid, bm25(raw, 5.0, 1.0) AS weight FROM raw "
                                  "WHERE raw MATCH ?1 ORDER BY weight LIMIT ?2";

constexpr const char* match_text_sql =
    "SELECT rowid, title, snippet(raw, 1, '', '', '...', 24), substr(body, 1, 20000), "
    "bm25(raw, 5.0, 1.0) AS weight FROM raw WHERE raw MATCH ?1 ORDER BY weight LIMIT ?2";

// The same rows, with the ranking done first: the snippet and text are read
// for the best rows only, where ORDER BY ... LIMIT over the query above
// computes every column of every matching row before it sorts.
constexpr const char* best_then_text_sql =
    "SELECT rowid, title, snippet(raw, 1, '', '', '...', 24), substr(body, 1, 20000), "
    "bm25(raw, 5.0, 1.0) AS weight FROM raw WHERE raw MATCH ?1 AND rowid IN "
    "(SELECT rowid FROM raw WHERE raw MATCH ?1 ORDER BY bm25(raw, 5.0, 1.0) LIMIT ?2) "
    "ORDER BY weight";

// FTS5 sorts by its `rank` column itself and hands the rows over best first,
// so LIMIT stops after the best and only theirs are read.
constexpr const char* by_rank_sql =
    "SELECT rowid, title, snippet(raw, 1, '', '', '...', 24), substr(body, 1, 20000), "
    "rank FROM raw WHERE raw MATCH ?1 AND rank MATCH 'bm25(5.0, 1.0)' "
    "ORDER BY rank LIMIT ?2";

} // namespace

raw_fts_table::raw_fts_table(const std::string& db_path) {
  try {
    // sqlite3_open_v2 hands out a connection even on failure.
    if (sqlite3_open_v2(db_path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + db_path + ": " + sqlite3_errmsg(db_));
    exec(schema_sql);
    insert_ = prepare("INSERT INTO raw (title, body) VALUES (?1, ?2)");
    match_ = prepare(match_sql);
    match_text_ = prepare(match_text_sql);
    best_then_text_ = prepare(best_then_text_sql);
    by_rank_ = prepare(by_rank_sql);
    count_ = prepare("SELECT count(*) FROM raw WHERE raw MATCH ?1");
  } catch (...) {
    close(); // no destructor runs for an object whose constructor threw
    throw;
  }
}

raw_fts_table::~raw_fts_table() {
  close();
}

void raw_fts_table::close() {
  for (auto* stmt : {insert_, match_, match_text_, best_then_text_, by_rank_, count_})
    sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
  db_ = nullptr;
  insert_ = match_ = match_text_ = best_then_text_ = by_rank_ = count_ = nullptr;
}

void raw_fts_table::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK)
    return;
  std::string why = message != nullptr ? message : sqlite3_errmsg(db_);
  sqlite3_free(message);
  throw std::runtime_error(std::string{"raw FTS5 table: "} + sql + ": " + why);
}

sqlite3_stmt* raw_fts_table::prepare(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string{"raw FTS5 table: "} + sql + ": " +
                             sqlite3_errmsg(db_));
  return stmt;
}

void raw_fts_table::begin() {
  exec("BEGIN");
}

void raw_fts_table::commit() {
  exec("COMMIT");
}

void raw_fts_table::insert(std::string_view title, std::string_view body) {
  sqlite3_bind_text(insert_, 1, title.data(), static_cast<int>(title.size()),
                    SQLITE_STATIC);
  sqlite3_bind_text(insert_, 2, body.data(), static_cast<int>(body.size()),
                    SQLITE_STATIC);
  auto rc = sqlite3_step(insert_);
  sqlite3_reset(insert_);
  if (rc != SQLITE_DONE)
    throw std::runtime_error(std::string{"raw FTS5 insert: "} + sqlite3_errmsg(db_));
}

int raw_fts_table::rows(sqlite3_stmt* stmt, const std::string& match, int limit) {
  sqlite3_bind_text(stmt, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
  sqlite3_bind_int(stmt, 2, limit);
  int n = 0;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    // SQLite computes a column when it is read: read them all, as a client
    // that uses its hits would.
    for (int column = 0; column < sqlite3_column_count(stmt); ++column)
      sqlite3_column_text(stmt, column);
    ++n;
  }
  sqlite3_reset(stmt);
  if (rc != SQLITE_DONE)
    throw std::runtime_error("raw FTS5 query '" + match + "': " + sqlite3_errmsg(db_));
  return n;
}

int raw_fts_table::match(const std::string& match, int limit) {
  return rows(match_, match, limit);
}

int raw_fts_table::match_with_text(const std::string& match, int limit) {
  return rows(match_text_, match, limit);
}

int raw_fts_table::best_then_text(const std::string& match, int limit) {
  return rows(best_then_text_, match, limit);
}

int raw_fts_table::by_rank(const std::string& match, int limit) {
  return rows(by_rank_, match, limit);
}

int raw_fts_table::count(const std::string& match) {
  sqlite3_bind_text(count_, 1, match.data(), static_cast<int>(match.size()),
                    SQLITE_STATIC);
  auto n = sqlite3_step(count_) == SQLITE_ROW ? sqlite3_column_int(count_, 0) : -1;
  sqlite3_reset(count_);
  if (n < 0)
    throw std::runtime_error("raw FTS5 count '" + match + "': " + sqlite3_errmsg(db_));
  return n;
}

} // namespace troupe::bench

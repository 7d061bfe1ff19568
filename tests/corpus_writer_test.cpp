#include "tools/corpus_writer.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <sqlite3.h>

using namespace troupe;

namespace {

using db_handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

db_handle corpus_db() {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  db_handle handle{db, &sqlite3_close};
  REQUIRE(
      sqlite3_exec(db,
                   "CREATE TABLE files (doc_id INTEGER PRIMARY KEY, path TEXT NOT NULL "
                   "UNIQUE, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, title "
                   "TEXT NOT NULL);"
                   "CREATE VIRTUAL TABLE fts USING fts5(title, body);",
                   nullptr, nullptr, nullptr) == SQLITE_OK);
  return handle;
}

int64_t count(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  auto n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return n;
}

} // namespace

TEST_CASE("corpus_writer inserts a file and its text under one id", "[corpus]") {
  auto db = corpus_db();
  auto writer = corpus_writer::prepare(db.get());
  REQUIRE(writer);
  corpus_scan::file file{"sub/a.md", "/x/sub/a.md", 7, 3};
  CHECK(!writer->insert(file, {"Title A", "body words"}));
  CHECK(count(db.get(), "SELECT count(*) FROM files JOIN fts ON fts.rowid = files.doc_id "
                        "WHERE files.path = 'sub/a.md' AND fts MATCH 'words'") == 1);
  CHECK(count(db.get(), "SELECT mtime_ns * 10 + size FROM files") == 73);
  // The path is unique: a second insert of it is an error, not a duplicate.
  CHECK(writer->insert(file, {"Title A", "body"}));
}

TEST_CASE("corpus_writer removes both rows of a document", "[corpus]") {
  auto db = corpus_db();
  auto writer = corpus_writer::prepare(db.get());
  REQUIRE(writer);
  REQUIRE(!writer->insert({"a.md", "/a.md", 1, 1}, {"A", "alpha"}));
  REQUIRE(!writer->insert({"b.md", "/b.md", 1, 1}, {"B", "beta"}));
  auto id = count(db.get(), "SELECT doc_id FROM files WHERE path = 'a.md'");
  CHECK(!writer->remove(id));
  CHECK(count(db.get(), "SELECT count(*) FROM files") == 1);
  CHECK(count(db.get(), "SELECT count(*) FROM fts") == 1);
  CHECK(count(db.get(), "SELECT count(*) FROM fts WHERE fts MATCH 'alpha'") == 0);
}

TEST_CASE("corpus_writer preparation fails without the index tables", "[corpus]") {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(":memory:", &raw) == SQLITE_OK);
  db_handle db{raw, &sqlite3_close};
  CHECK(!corpus_writer::prepare(db.get()));
}

#include "runtime/errors.hpp"
#include "tools/sqlite_statement.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <sqlite3.h>

using namespace troupe;

namespace {

using db_handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

db_handle memory_db() {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  return {db, &sqlite3_close};
}

} // namespace

TEST_CASE("sqlite_statement binds, steps and reads columns", "[corpus]") {
  auto db = memory_db();
  auto create =
      sqlite_statement::prepare(db.get(), "CREATE TABLE t (s TEXT, i INT, r REAL)");
  REQUIRE(create);
  CHECK(!create->execute());
  auto insert = sqlite_statement::prepare(db.get(), "INSERT INTO t VALUES (?1, ?2, ?3)");
  REQUIRE(insert);
  for (int64_t i = 1; i <= 2; ++i) {
    insert->bind(1, std::string_view{"row\0x", 5});
    insert->bind(2, i);
    insert->bind(3, i * 10);
    CHECK(!insert->execute());
  }
  auto select =
      sqlite_statement::prepare(db.get(), "SELECT s, i, r, NULL FROM t ORDER BY i");
  REQUIRE(select);
  auto row = select->step();
  REQUIRE(row);
  REQUIRE(*row);
  CHECK(select->text(0) == std::string("row\0x", 5));
  CHECK(select->integer(1) == 1);
  CHECK(select->real(2) == 10.0);
  CHECK(select->text(3).empty());
  REQUIRE(select->step());
  auto done = select->step();
  REQUIRE(done);
  CHECK(!*done);
}

TEST_CASE("sqlite_statement reports SQL errors with SQLite's message", "[corpus]") {
  auto db = memory_db();
  auto bad = sqlite_statement::prepare(db.get(), "SELEC nonsense");
  REQUIRE(!bad);
  CHECK(describe(bad.error()).find("SELEC nonsense") != std::string::npos);
  CHECK(describe(bad.error()).find("syntax error") != std::string::npos);

  REQUIRE(
      !sqlite_statement::prepare(db.get(), "CREATE TABLE u (x INT NOT NULL)")->execute());
  auto insert = sqlite_statement::prepare(db.get(), "INSERT INTO u VALUES (?1)");
  REQUIRE(insert);
  auto err = insert->execute(); // ?1 left unbound is NULL
  REQUIRE(err);
  CHECK(describe(err).find("NOT NULL") != std::string::npos);
  insert->bind(7, int64_t{1}); // no such parameter
  auto bind_err = insert->execute();
  REQUIRE(bind_err);
  CHECK(describe(bind_err).find("bind") != std::string::npos);
}

TEST_CASE("sqlite_statement moves keep the statement usable", "[corpus]") {
  auto db = memory_db();
  auto stmt = sqlite_statement::prepare(db.get(), "SELECT 42");
  REQUIRE(stmt);
  auto moved = std::move(*stmt);
  auto assigned = std::move(*sqlite_statement::prepare(db.get(), "SELECT 1"));
  assigned = std::move(moved);
  auto row = assigned.step();
  REQUIRE(row);
  REQUIRE(*row);
  CHECK(assigned.integer(0) == 42);
}

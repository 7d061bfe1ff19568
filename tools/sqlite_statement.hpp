#pragma once

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace troupe {

/// A prepared SQLite statement, finalized on destruction. Move-only.
///
/// Binding never fails on its own: a failed bind is remembered and
/// reported by the next step(), so callers check one result per execution.
class sqlite_statement {
public:
  /// Compiles `sql` for `db`; the error names the SQL and SQLite's message.
  static caf::expected<sqlite_statement> prepare(sqlite3* db, std::string_view sql);

  sqlite_statement(sqlite_statement&& other) noexcept;
  sqlite_statement& operator=(sqlite_statement&& other) noexcept;
  sqlite_statement(const sqlite_statement&) = delete;
  sqlite_statement& operator=(const sqlite_statement&) = delete;
  ~sqlite_statement();

  /// Binds parameter `index` (1-based); the text is copied.
  void bind(int index, std::string_view text);
  void bind(int index, int64_t value);

  /// Runs the statement one row further: true when a row is ready to read,
  /// false when done, or an error carrying SQLite's message.
  caf::expected<bool> step();

  /// Runs a statement that returns no rows to completion, then reset()s it.
  caf::error execute();

  /// Makes the statement ready to run again with new bindings.
  void reset();

  /// Columns of the current row (0-based); NULL reads as empty or zero.
  std::string text(int column) const;
  int64_t integer(int column) const;
  double real(int column) const;

private:
  sqlite_statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void check_bind(int rc);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = 0; // SQLite code of the first failed bind since reset()
};

} // namespace troupe

#include "tools/sqlite_statement.hpp"

#include <caf/sec.hpp>
#include <sqlite3.h>
#include <utility>

namespace troupe {

caf::expected<sqlite_statement> sqlite_statement::prepare(sqlite3* db,
                                                          std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  auto rc =
      sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return caf::make_error(caf::sec::runtime_error, "cannot prepare SQL '" +
                                                        std::string{sql} +
                                                        "': " + sqlite3_errmsg(db));
  }
  return sqlite_statement{db, stmt};
}

sqlite_statement::sqlite_statement(sqlite_statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)),
      bind_error_(other.bind_error_) {}

sqlite_statement& sqlite_statement::operator=(sqlite_statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

sqlite_statement::~sqlite_statement() {
  sqlite3_finalize(stmt_);
}

void sqlite_statement::bind(int index, std::string_view text) {
  check_bind(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8));
}

void sqlite_statement::bind(int index, int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, index, value));
}

caf::expected<bool> sqlite_statement::step() {
  if (bind_error_ != SQLITE_OK)
    return caf::make_error(caf::sec::runtime_error,
                           std::string{"cannot bind a parameter "
                                       "of '"} +
                               sqlite3_sql(stmt_) + "': " + sqlite3_errstr(bind_error_));
  auto rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW)
    return true;
  if (rc == SQLITE_DONE)
    return false;
  return caf::make_error(caf::sec::runtime_error, std::string{"cannot run '"} +
                                                      sqlite3_sql(stmt_) +
                                                      "': " + sqlite3_errmsg(db_));
}

caf::error sqlite_statement::execute() {
  auto done = step();
  reset();
  return done ? caf::error{} : done.error();
}

void sqlite_statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

std::string sqlite_statement::text(int column) const {
  auto data = sqlite3_column_text(stmt_, column);
  auto size = sqlite3_column_bytes(stmt_, column);
  return data == nullptr ? std::string{}
                         : std::string{reinterpret_cast<const char*>(data),
                                       static_cast<std::size_t>(size)};
}

int64_t sqlite_statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double sqlite_statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

void sqlite_statement::check_bind(int rc) {
  if (bind_error_ == SQLITE_OK)
    bind_error_ = rc;
}

} // namespace troupe

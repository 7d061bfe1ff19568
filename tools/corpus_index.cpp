#include "tools/corpus_index.hpp"

#include "runtime/errors.hpp"
#include "runtime/text/utf8.hpp"
#include "tools/corpus_scan.hpp"
#include "tools/corpus_writer.hpp"
#include "tools/document_file.hpp"
#include "tools/document_text.hpp"
#include "tools/fts_query.hpp"
#include "tools/sqlite_statement.hpp"

#include <algorithm>
#include <caf/sec.hpp>
#include <chrono>
#include <filesystem>
#include <sqlite3.h>
#include <thread>
#include <unordered_map>
#include <utility>

namespace troupe {

namespace fs = std::filesystem;

namespace {

// Bump when the tables change: an index of another version is rebuilt, which
// is safe because it only caches what the corpus folder holds.
constexpr int schema_version = 1;

constexpr const char* schema_sql = R"sql(
DROP TABLE IF EXISTS files;
DROP TABLE IF EXISTS fts;
CREATE TABLE files (
  doc_id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  mtime_ns INTEGER NOT NULL,
  size INTEGER NOT NULL,
  title TEXT NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'porter unicode61');
)sql";

// Title matches weigh 5 times body matches. The snippet is up to 24 tokens
// from the body, without highlight markers, since hits end up in plain text.
// substr() bounds what SQLite copies out; the byte cap comes after.
// The best rows are chosen first, and only theirs get a snippet and text:
// selecting snippet() and the text next to ORDER BY made SQLite compute them
// for every matching row before keeping the first few, 15 times the cost of
// the match itself on a corpus of 3,000 files (bench/corpus_search_bench).
// snippet() needs a full-text query, hence the second MATCH.
constexpr const char* search_sql = R"sql(
WITH best AS (
  SELECT fts.rowid AS doc, bm25(fts, 5.0, 1.0) AS weight, files.path AS path
  FROM fts JOIN files ON files.doc_id = fts.rowid
  WHERE fts MATCH ?1
  ORDER BY weight, path
  LIMIT ?2)
SELECT best.path, files.title, snippet(fts, 1, '', '', '...', 24),
       substr(fts.body, 1, 20000), best.weight
FROM best JOIN fts ON fts.rowid = best.doc JOIN files ON files.doc_id = best.doc
WHERE fts MATCH ?1
ORDER BY best.weight, best.path
)sql";

constexpr std::size_t max_text_bytes = 20000;

// Another process (a second troupe run) may be refreshing the same index:
// long enough for it to index a corpus of thousands of files.
constexpr std::chrono::milliseconds busy_timeout{30000};

/// What the index holds about one file.
struct indexed_file {
  int64_t doc_id = 0;
  int64_t mtime_ns = 0;
  int64_t size = 0;
};

using indexed_files = std::unordered_map<std::string, indexed_file>;

std::string db_name(sqlite3* db) {
  const char* name = sqlite3_db_filename(db, "main");
  return name != nullptr ? name : "";
}

caf::error index_error(sqlite3* db, const std::string& what) {
  return caf::make_error(caf::sec::runtime_error,
                         "corpus index '" + db_name(db) + "': " + what);
}

caf::error index_error(sqlite3* db, const caf::error& cause) {
  return index_error(db, describe(cause));
}

caf::error exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
    return caf::error{};
  std::string text = message != nullptr ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return index_error(db, text);
}

caf::error check_corpus_dir(const std::string& corpus_dir) {
  std::error_code ec;
  auto status = fs::status(corpus_dir, ec);
  if (!fs::exists(status))
    return caf::make_error(caf::sec::invalid_argument,
                           "corpus folder '" + corpus_dir + "' does not exist");
  if (!fs::is_directory(status))
    return caf::make_error(caf::sec::invalid_argument,
                           "corpus folder '" + corpus_dir + "' is not a folder");
  return caf::error{};
}

caf::error create_parent_dirs(const std::string& db_path) {
  auto parent = fs::path{db_path}.parent_path();
  std::error_code ec;
  if (parent.empty() || fs::is_directory(parent, ec))
    return caf::error{};
  fs::create_directories(parent, ec);
  if (!ec)
    return caf::error{};
  return caf::make_error(caf::sec::cannot_open_file,
                         "cannot create folder '" + parent.string() +
                             "' for corpus index '" + db_path + "': " + ec.message());
}

caf::expected<int64_t> user_version(sqlite3* db) {
  auto stmt = sqlite_statement::prepare(db, "PRAGMA user_version");
  if (!stmt)
    return stmt.error();
  auto row = stmt->step();
  if (!row)
    return row.error();
  return *row ? stmt->integer(0) : 0;
}

caf::error busy_error(sqlite3* db, const std::string& what) {
  return index_error(db, what + ": another process kept the index locked for " +
                             std::to_string(busy_timeout.count() / 1000) +
                             " s; try again once it is done, or give each run its "
                             "own index file");
}

/// Starts a write transaction. BEGIN IMMEDIATE takes the write lock up front,
/// where SQLite waits for it (up to the busy timeout); a deferred transaction
/// would take it on its first write, as an upgrade of its read lock, and
/// SQLite answers a busy upgrade at once instead of waiting.
caf::error begin_write(sqlite3* db) {
  auto err = exec(db, "BEGIN IMMEDIATE");
  if (err && sqlite3_errcode(db) == SQLITE_BUSY)
    return busy_error(db, "cannot start writing");
  return err;
}

/// Switches the database to WAL, which lets searches read while a refresh
/// writes. The switch of a new file reads its header and then writes it: a
/// lock upgrade, where SQLite calls no busy handler (two upgraders would wait
/// for each other), so a second process switching the same file at that
/// moment gets SQLITE_BUSY at once. The busy handler's documentation leaves
/// such retries to the application; they go on here until the timeout.
caf::error use_wal(sqlite3* db) {
  auto deadline = std::chrono::steady_clock::now() + busy_timeout;
  while (true) {
    auto err = exec(db, "PRAGMA journal_mode = WAL");
    if (!err || sqlite3_errcode(db) != SQLITE_BUSY)
      return err;
    if (std::chrono::steady_clock::now() >= deadline)
      return busy_error(db, "cannot switch to WAL mode");
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
}

/// Called inside the write transaction: another process may have made the
/// tables while this one waited for the lock, and making them again would
/// drop what it has indexed since.
caf::error make_tables_once(sqlite3* db) {
  auto version = user_version(db);
  if (!version)
    return index_error(db, version.error());
  if (*version == schema_version)
    return caf::error{};
  if (auto err = exec(db, schema_sql))
    return err;
  auto stamp = "PRAGMA user_version = " + std::to_string(schema_version);
  return exec(db, stamp.c_str());
}

/// NORMAL sync is safe with WAL, and the index can always be rebuilt from
/// the folder anyway.
caf::error prepare_schema(sqlite3* db) {
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  if (auto err = use_wal(db))
    return err;
  if (auto err = exec(db, "PRAGMA synchronous = NORMAL"))
    return err;
  auto version = user_version(db);
  if (!version)
    return index_error(db, version.error());
  if (*version == schema_version)
    return caf::error{};
  if (auto err = begin_write(db))
    return err;
  if (auto err = make_tables_once(db)) {
    exec(db, "ROLLBACK");
    return err;
  }
  return exec(db, "COMMIT");
}

caf::expected<indexed_files> load_indexed_files(sqlite3* db) {
  auto stmt =
      sqlite_statement::prepare(db, "SELECT path, doc_id, mtime_ns, size FROM files");
  if (!stmt)
    return stmt.error();
  indexed_files files;
  while (true) {
    auto row = stmt->step();
    if (!row)
      return row.error();
    if (!*row)
      return files;
    files.emplace(stmt->text(0),
                  indexed_file{stmt->integer(1), stmt->integer(2), stmt->integer(3)});
  }
}

document_text parse_document(const corpus_scan::file& file, const std::string& bytes) {
  fs::path path{file.path};
  return document_text::parse(bytes, path.extension().string(), path.stem().string());
}

bool unchanged(const indexed_file& known, const corpus_scan::file& file) {
  return known.mtime_ns == file.mtime_ns && known.size == file.size;
}

/// Brings the rows of one scanned file up to date; `known` is what the index
/// holds for it, if anything.
caf::error update_file(corpus_writer& writer, const corpus_scan::file& file,
                       const indexed_file* known, index_stats& stats) {
  if (known != nullptr && unchanged(*known, file))
    return caf::error{};
  // Stale rows go even when the new contents cannot be indexed.
  if (known != nullptr)
    if (auto err = writer.remove(known->doc_id))
      return err;
  auto bytes = read_document_file(file.abs_path);
  if (!bytes) {
    stats.skipped.push_back({file.path, describe(bytes.error())});
    return caf::error{};
  }
  ++stats.files_indexed;
  return writer.insert(file, parse_document(file, *bytes));
}

caf::expected<index_stats> apply_scan(sqlite3* db, const corpus_scan& scan) {
  auto known = load_indexed_files(db);
  if (!known)
    return known.error();
  auto writer = corpus_writer::prepare(db);
  if (!writer)
    return writer.error();
  index_stats stats;
  stats.files_seen = static_cast<int>(scan.files.size() + scan.skipped.size());
  stats.skipped = scan.skipped;
  for (const auto& file : scan.files) {
    auto i = known->find(file.path);
    auto err =
        update_file(*writer, file, i == known->end() ? nullptr : &i->second, stats);
    if (err)
      return err;
    if (i != known->end())
      known->erase(i);
  }
  // What is left was not found on disk any more.
  for (const auto& [path, gone] : *known) {
    if (auto err = writer->remove(gone.doc_id))
      return err;
    ++stats.files_removed;
  }
  std::sort(stats.skipped.begin(), stats.skipped.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return stats;
}

std::string single_spaced(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    bool is_space = c == ' ' || c == '\n' || c == '\t';
    if (!is_space && space && !out.empty())
      out += ' ';
    space = is_space;
    if (!is_space)
      out += c;
  }
  return out;
}

search_hit read_hit(const sqlite_statement& row, const std::string& corpus_dir) {
  search_hit hit;
  auto rel = row.text(0);
  hit.id = fs::path{rel}.replace_extension().generic_string();
  hit.title = row.text(1);
  hit.path = (fs::path{corpus_dir} / rel).string();
  hit.snippet = single_spaced(row.text(2));
  hit.text = std::string{utf8_prefix(row.text(3), max_text_bytes)};
  hit.score = -row.real(4);
  return hit;
}

} // namespace

caf::expected<corpus_index> corpus_index::open(const std::string& corpus_dir,
                                               const std::string& db_path) {
  if (auto err = check_corpus_dir(corpus_dir))
    return err;
  if (auto err = create_parent_dirs(db_path))
    return err;
  corpus_index index;
  index.dir_ = corpus_dir;
  // sqlite3_open_v2 hands out a connection even on failure; `index` closes it.
  auto rc = sqlite3_open_v2(db_path.c_str(), &index.db_,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK)
    return caf::make_error(
        caf::sec::cannot_open_file,
        "cannot open corpus index '" + db_path + "': " +
            (index.db_ != nullptr ? sqlite3_errmsg(index.db_) : sqlite3_errstr(rc)));
  if (auto err = prepare_schema(index.db_))
    return err;
  return index;
}

corpus_index::corpus_index(corpus_index&& other) noexcept
    : dir_(std::move(other.dir_)), db_(std::exchange(other.db_, nullptr)) {}

corpus_index& corpus_index::operator=(corpus_index&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    dir_ = std::move(other.dir_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

corpus_index::~corpus_index() {
  sqlite3_close_v2(db_);
}

caf::expected<index_stats> corpus_index::refresh() {
  if (db_ == nullptr)
    return caf::make_error(caf::sec::runtime_error, "corpus index was moved from");
  if (auto err = begin_write(db_))
    return err;
  caf::expected<index_stats> stats{index_stats{}};
  // The walk and the parsers may still throw (out of memory); the caller
  // gets an error and the index its state before the refresh.
  try {
    stats = apply_scan(db_, corpus_scan::run(dir_));
  } catch (const std::exception& e) {
    stats = caf::make_error(caf::sec::runtime_error, std::string{e.what()});
  }
  if (!stats) {
    exec(db_, "ROLLBACK");
    return index_error(db_,
                       "refresh of '" + dir_ + "' failed: " + describe(stats.error()));
  }
  if (auto err = exec(db_, "COMMIT"))
    return err;
  return stats;
}

caf::expected<std::vector<search_hit>> corpus_index::search(const std::string& query,
                                                            int max_results) const {
  if (db_ == nullptr)
    return caf::make_error(caf::sec::runtime_error, "corpus index was moved from");
  std::vector<search_hit> hits;
  auto match = fts_query(query);
  if (match.empty() || max_results <= 0)
    return hits;
  auto stmt = sqlite_statement::prepare(db_, search_sql);
  if (!stmt)
    return index_error(db_, stmt.error());
  stmt->bind(1, match);
  stmt->bind(2, static_cast<int64_t>(max_results));
  while (true) {
    auto row = stmt->step();
    if (!row)
      return index_error(db_,
                         "search for '" + query + "' failed: " + describe(row.error()));
    if (!*row)
      return hits;
    hits.push_back(read_hit(*stmt, dir_));
  }
}

} // namespace troupe

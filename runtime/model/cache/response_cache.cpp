#include "runtime/model/cache/response_cache.hpp"

#include "runtime/trace/json_line_writer.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <sqlite3.h>

namespace troupe {

namespace json = boost::json;

namespace {

// Long enough to ride out another process's write, short enough that a
// stuck lock costs a call a moment, not a run.
constexpr int busy_timeout_ms = 2000;

constexpr const char* schema = R"(
  PRAGMA journal_mode = WAL;
  CREATE TABLE IF NOT EXISTS responses (
    key INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL,
    text TEXT NOT NULL,
    provider TEXT NOT NULL,
    response_model TEXT NOT NULL,
    finish_reason TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    stored_at_ms INTEGER NOT NULL
  );)";

constexpr const char* select_sql =
    "SELECT canonical, text, provider, response_model, finish_reason, input_tokens, "
    "output_tokens, stored_at_ms FROM responses WHERE key = ?1";
constexpr const char* upsert_sql =
    "INSERT OR REPLACE INTO responses (key, canonical, text, provider, response_model, "
    "finish_reason, input_tokens, output_tokens, stored_at_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* erase_sql =
    "DELETE FROM responses WHERE key = ?1 AND stored_at_ms = ?2";

/// FNV-1a-64: stable across builds and platforms, unlike std::hash, as keys
/// on disk must be. Collisions are harmless: the canonical text is compared.
int64_t key_of(const std::string& canonical) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : canonical) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<int64_t>(h);
}

int64_t to_ms(response_cache::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch())
      .count();
}

response_cache::time_point from_ms(int64_t ms) {
  return response_cache::time_point{std::chrono::milliseconds{ms}};
}

std::string column_text(sqlite3_stmt* stmt, int column) {
  const auto* text = sqlite3_column_text(stmt, column);
  return text == nullptr
             ? std::string{}
             : std::string{reinterpret_cast<const char*>(text),
                           static_cast<size_t>(sqlite3_column_bytes(stmt, column))};
}

void bind_text(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

/// The hint that goes with every store problem: the cache still works.
std::string store_problem(const std::string& path, const std::string& what) {
  return "response cache store '" + path + "' " + what +
         "; answers are cached in memory only for this run. Fix the path in "
         "models.cache.path, or move the file away to start a fresh store";
}

} // namespace

/// The SQLite file behind the cache: one table keyed by the hash of the
/// canonical request, in WAL mode so several processes can share it.
struct response_cache::disk_store {
  struct found {
    cached_answer answer;
    time_point stored_at;
  };

  disk_store() = default;
  disk_store(const disk_store&) = delete;
  disk_store& operator=(const disk_store&) = delete;
  ~disk_store() {
    for (auto* stmt : {select, upsert, erase})
      sqlite3_finalize(stmt);
    sqlite3_close(db);
  }

  /// Opens (creating) the store; on failure says why, in words for users.
  std::string open(const std::string& path) {
    std::error_code ec;
    auto folder = std::filesystem::path{path}.parent_path();
    if (!folder.empty())
      std::filesystem::create_directories(folder, ec);
    if (ec)
      return store_problem(path, "cannot be created: folder '" + folder.string() +
                                     "': " + ec.message());
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK)
      return store_problem(path, "cannot be opened: " + last_error());
    sqlite3_busy_timeout(db, busy_timeout_ms);
    // The first statements are where a file that is not a database shows.
    if (sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK ||
        !prepare(select_sql, select) || !prepare(upsert_sql, upsert) ||
        !prepare(erase_sql, erase))
      return store_problem(path, "cannot be used: " + last_error());
    return {};
  }

  /// The entry stored for `canonical`, if one is, whatever its age.
  std::optional<found> find(const std::string& canonical) {
    sqlite3_bind_int64(select, 1, key_of(canonical));
    std::optional<found> result;
    if (sqlite3_step(select) == SQLITE_ROW && column_text(select, 0) == canonical)
      result = found{{column_text(select, 1), column_text(select, 2),
                      column_text(select, 3), column_text(select, 4),
                      sqlite3_column_int64(select, 5), sqlite3_column_int64(select, 6)},
                     from_ms(sqlite3_column_int64(select, 7))};
    // Resetting ends the read transaction, which would otherwise hold back
    // the WAL checkpoints of every process sharing the file.
    sqlite3_reset(select);
    return result;
  }

  /// Stores `answer`; on failure says why.
  std::string put(const std::string& canonical, const cached_answer& answer,
                  time_point stored_at) {
    sqlite3_bind_int64(upsert, 1, key_of(canonical));
    bind_text(upsert, 2, canonical);
    bind_text(upsert, 3, answer.text);
    bind_text(upsert, 4, answer.provider);
    bind_text(upsert, 5, answer.response_model);
    bind_text(upsert, 6, answer.finish_reason);
    sqlite3_bind_int64(upsert, 7, answer.input_tokens);
    sqlite3_bind_int64(upsert, 8, answer.output_tokens);
    sqlite3_bind_int64(upsert, 9, to_ms(stored_at));
    auto rc = sqlite3_step(upsert);
    sqlite3_reset(upsert);
    return rc == SQLITE_DONE ? std::string{} : last_error();
  }

  /// Deletes the entry stored for `canonical` at `stored_at`: one another
  /// process stored since then is newer and stays.
  void remove(const std::string& canonical, time_point stored_at) {
    sqlite3_bind_int64(erase, 1, key_of(canonical));
    sqlite3_bind_int64(erase, 2, to_ms(stored_at));
    sqlite3_step(erase);
    sqlite3_reset(erase);
  }

private:
  sqlite3* db = nullptr;
  sqlite3_stmt* select = nullptr;
  sqlite3_stmt* upsert = nullptr;
  sqlite3_stmt* erase = nullptr;

  bool prepare(const char* sql, sqlite3_stmt*& stmt) {
    return sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK;
  }
  std::string last_error() const {
    return db == nullptr ? "out of memory" : sqlite3_errmsg(db);
  }
};

std::string canonical_request(const model_request& request, const std::string& model) {
  // Written straight out rather than through a JSON object: this runs for
  // every call, and building the object cost more than the lookup. The
  // members come in a fixed order, so equal requests give equal text.
  std::string text = "{\"model\":";
  append_json_string(text, model);
  text += ",\"messages\":[";
  for (std::size_t i = 0; i < request.messages.size(); ++i) {
    text += i == 0 ? "[" : ",[";
    append_json_string(text, request.messages[i].role);
    text += ',';
    append_json_string(text, request.messages[i].content);
    text += ']';
  }
  text += "],\"max_tokens\":";
  append_json_number(text, int64_t{request.max_tokens});
  text += ",\"temperature\":";
  append_json_number(text, request.temperature);
  text += ",\"response_format\":";
  append_json_string(text, request.response_format);
  text += ",\"response_schema\":";
  append_json_string(text, request.response_schema);
  text += '}';
  return text;
}

response_cache::response_cache(cache_spec spec) : spec_(std::move(spec)) {
  if (!spec_.enabled || spec_.path.empty())
    return;
  auto disk = std::make_unique<disk_store>();
  store_error_ = disk->open(spec_.path);
  if (store_error_.empty())
    disk_ = std::move(disk);
}

response_cache::~response_cache() = default;

std::optional<cached_answer> response_cache::lookup(const std::string& canonical,
                                                    time_point now) {
  if (!spec_.enabled)
    return std::nullopt;
  if (auto answer = from_memory(canonical, now)) {
    ++hits_;
    return answer;
  }
  if (auto answer = from_disk(canonical, now)) {
    ++hits_;
    return answer;
  }
  ++misses_;
  return std::nullopt;
}

void response_cache::store(const std::string& canonical, const cached_answer& answer,
                           time_point now) {
  if (!spec_.enabled)
    return;
  remember(entry{canonical, answer, now});
  if (!disk_)
    return;
  auto problem = disk_->put(canonical, answer, now);
  if (!problem.empty())
    store_error_ = store_problem(spec_.path, "cannot be written: " + problem);
}

bool response_cache::expired(time_point stored_at, time_point now) const {
  return now - stored_at >= spec_.ttl;
}

std::optional<cached_answer> response_cache::from_memory(const std::string& canonical,
                                                         time_point now) {
  auto found = index_.find(canonical);
  if (found == index_.end())
    return std::nullopt;
  auto it = found->second;
  if (expired(it->stored_at, now)) {
    // The disk may hold a newer answer another process stored: fall through.
    index_.erase(found);
    lru_.erase(it);
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it);
  return it->answer;
}

std::optional<cached_answer> response_cache::from_disk(const std::string& canonical,
                                                       time_point now) {
  if (!disk_)
    return std::nullopt;
  auto found = disk_->find(canonical);
  if (!found)
    return std::nullopt;
  if (expired(found->stored_at, now)) {
    disk_->remove(canonical, found->stored_at);
    return std::nullopt;
  }
  remember(entry{canonical, found->answer, found->stored_at});
  return found->answer;
}

void response_cache::remember(entry e) {
  auto found = index_.find(e.canonical);
  if (found != index_.end()) {
    auto old = found->second;
    index_.erase(found); // before the entry its key views
    lru_.erase(old);
  }
  lru_.push_front(std::move(e));
  index_.emplace(lru_.front().canonical, lru_.begin());
  while (lru_.size() > spec_.max_entries) {
    index_.erase(lru_.back().canonical);
    lru_.pop_back();
  }
}

} // namespace troupe

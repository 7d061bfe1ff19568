#pragma once

#include "runtime/messages/model_request.hpp"
#include "runtime/model/config/policy_specs.hpp"

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace troupe {

/// A model answer as the cache keeps it.
struct cached_answer {
  std::string text;
  std::string provider; // who answered originally
  std::string response_model;
  std::string finish_reason;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
};

/// The canonical form of what determines an answer: the model and the
/// request's content and parameters (messages, max_tokens, temperature,
/// response format), and nothing about who asked (run, agent, span).
/// Provider-independent: the same model behind two providers shares entries.
std::string canonical_request(const model_request& request, const std::string& model);

/// Exact-match answer cache with a TTL: a bounded in-memory LRU in front of
/// an optional SQLite store (cache_spec::path) that survives the process, so
/// repeated runs of a scenario hit it. Plain and single-threaded: one actor
/// owns an instance. Keys are the canonical request text itself (hashed
/// inside), so two different requests never share an entry.
class response_cache {
public:
  using time_point = std::chrono::system_clock::time_point;

  /// Opens the store when spec.path is set; a store that cannot be opened
  /// leaves the cache in memory only and `store_error()` says why.
  explicit response_cache(cache_spec spec);
  ~response_cache();
  response_cache(const response_cache&) = delete;
  response_cache& operator=(const response_cache&) = delete;

  /// Memory first, then the store (an answer found there is kept in memory
  /// too). Answers older than the TTL are not returned. A disabled cache
  /// always misses, and counts neither hits nor misses.
  std::optional<cached_answer> lookup(const std::string& canonical, time_point now);
  /// Keeps `answer` in memory and in the store; nothing when disabled.
  void store(const std::string& canonical, const cached_answer& answer, time_point now);

  int64_t hits() const noexcept { return hits_; }
  int64_t misses() const noexcept { return misses_; }
  /// Why the store could not be opened or written; empty when all is well.
  const std::string& store_error() const noexcept { return store_error_; }

private:
  struct disk_store;
  struct entry {
    std::string canonical;
    cached_answer answer;
    time_point stored_at;
  };

  bool expired(time_point stored_at, time_point now) const;
  std::optional<cached_answer> from_memory(const std::string& canonical, time_point now);
  std::optional<cached_answer> from_disk(const std::string& canonical, time_point now);
  void remember(entry e);

  cache_spec spec_;
  std::list<entry> lru_; // most recent first
  // Keys view the entries' own canonical text (list nodes never move), so a
  // long prompt is held once.
  std::unordered_map<std::string_view, std::list<entry>::iterator> index_;
  std::unique_ptr<disk_store> disk_;
  std::string store_error_;
  int64_t hits_ = 0;
  int64_t misses_ = 0;
};

} // namespace troupe

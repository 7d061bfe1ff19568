#pragma once

// The data that configures the router's policies, as read from a providers
// file or a scenario's `models` section. Defaults are the documented ones.

#include <chrono>
#include <cstddef>
#include <string>

namespace troupe {

struct retry_spec {
  int max_retries = 2; // per target, after the first try
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{std::chrono::seconds{8}};
};

struct breaker_spec {
  int failure_threshold = 5; // consecutive failures that open the breaker
  std::chrono::milliseconds cooldown{std::chrono::seconds{30}};
};

struct cache_spec {
  bool enabled = true;
  std::chrono::milliseconds ttl{std::chrono::hours{24}};
  std::size_t max_entries = 10000; // in memory
  std::string path; // SQLite file for the on-disk store; empty: memory only
};

} // namespace troupe

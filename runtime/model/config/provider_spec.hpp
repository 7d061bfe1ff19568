#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace troupe {

/// One provider endpoint of a providers file or `models` section.
struct provider_spec {
  std::string name;
  std::string type;        // "openai", "anthropic" or "local"
  std::string base_url;    // e.g. https://api.openai.com/v1; empty for local
  std::string api_key_env; // name of the environment variable holding the key
  std::vector<std::pair<std::string, std::string>> headers; // extra headers
  std::chrono::milliseconds timeout{std::chrono::seconds{60}};
  /// Larger answers are cut off as `wrong_endpoint`: no chat answer comes
  /// near it, an endless stream or a file server behind base_url does.
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  std::string anthropic_version = "2023-06-01";
  // Rate limits; 0 means none.
  int64_t requests_per_minute = 0;
  int64_t tokens_per_minute = 0;
  /// What a request over the limit does: "wait" (bounded queue, then fail
  /// over) or "next" (fail over at once).
  std::string when_limited = "wait";
  std::chrono::milliseconds max_queue_wait{std::chrono::seconds{30}};
};

} // namespace troupe

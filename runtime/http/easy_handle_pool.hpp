#pragma once

#include <cstddef>
#include <curl/curl.h>
#include <vector>

namespace troupe {

/// Spare curl easy handles of one transport, reused across requests:
/// creating and freeing a handle per request took about an eighth of the
/// transport thread's time. A handle given back is reset to curl's
/// defaults (its connection and DNS caches stay). Used by the transport's
/// loop thread only.
class easy_handle_pool {
public:
  explicit easy_handle_pool(std::size_t max_spare = 256);
  ~easy_handle_pool();

  easy_handle_pool(const easy_handle_pool&) = delete;
  easy_handle_pool& operator=(const easy_handle_pool&) = delete;

  /// A handle with curl's default options; nullptr when curl cannot make one.
  CURL* take();

  /// Takes `easy` back; frees it when enough are spare. Ignores nullptr.
  void give(CURL* easy);

  std::size_t spare() const { return spare_.size(); }

private:
  std::size_t max_spare_;
  std::vector<CURL*> spare_;
};

} // namespace troupe

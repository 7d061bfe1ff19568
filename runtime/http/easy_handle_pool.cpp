#include "runtime/http/easy_handle_pool.hpp"

namespace troupe {

easy_handle_pool::easy_handle_pool(std::size_t max_spare) : max_spare_(max_spare) {}

easy_handle_pool::~easy_handle_pool() {
  for (auto* easy : spare_)
    curl_easy_cleanup(easy);
}

CURL* easy_handle_pool::take() {
  if (spare_.empty())
    return curl_easy_init();
  auto* easy = spare_.back();
  spare_.pop_back();
  return easy;
}

void easy_handle_pool::give(CURL* easy) {
  if (easy == nullptr)
    return;
  if (spare_.size() >= max_spare_) {
    curl_easy_cleanup(easy);
    return;
  }
  curl_easy_reset(easy);
  spare_.push_back(easy);
}

} // namespace troupe

#pragma once

// One request on its way through the transport's curl multi handle: the easy
// handle, what curl reads from it (the request body, the header list) and
// what curl writes into it (response headers and body). Used only on the
// transport's thread.

#include "runtime/http/easy_handle_pool.hpp"
#include "runtime/http/http_request.hpp"
#include "runtime/messages/http_response.hpp"

#include <caf/actor_control_block.hpp>
#include <chrono>
#include <cstdint>
#include <curl/curl.h>
#include <string>

namespace troupe {

class curl_transfer {
public:
  using clock = std::chrono::steady_clock;

  /// Takes an easy handle from `handles` and gives it back when destroyed.
  curl_transfer(uint64_t id, http_request request, caf::strong_actor_ptr reply_to,
                clock::time_point submitted, easy_handle_pool& handles);
  ~curl_transfer();

  curl_transfer(const curl_transfer&) = delete;
  curl_transfer& operator=(const curl_transfer&) = delete;

  /// The configured easy handle; nullptr when curl could not create one.
  CURL* easy() const { return easy_; }

  uint64_t id() const { return id_; }

  /// The response for curl's result `code` on this transfer.
  http_response finish(CURLcode code);

  /// A response that reports `failure` without asking curl.
  http_response fail(http_failure failure, std::string error) const;

  /// Sends `response` to whoever submitted the request.
  void deliver(http_response response) const;

private:
  void configure();
  void set_method();
  void set_headers();
  bool on_header(const char* line, std::size_t size);
  std::size_t on_body(const char* data, std::size_t size);
  http_failure classify(CURLcode code) const;
  int64_t elapsed_us() const;

  static std::size_t header_callback(char* data, std::size_t size, std::size_t count,
                                     void* self);
  static std::size_t write_callback(char* data, std::size_t size, std::size_t count,
                                    void* self);

  easy_handle_pool& handles_;
  uint64_t id_;
  http_request request_;
  caf::strong_actor_ptr reply_to_;
  clock::time_point submitted_;
  CURL* easy_ = nullptr;
  curl_slist* header_list_ = nullptr;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::size_t header_bytes_ = 0;
  bool in_body_ = false;
  std::string too_large_; // which cap the answer passed; empty while none
  http_response response_;
};

} // namespace troupe

#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace troupe {

/// One HTTP request for the transport. Headers are sent as given; the
/// transport adds nothing but what curl needs (Host, Content-Length).
struct http_request {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// Whole-request limit: connect, send, wait and receive.
  std::chrono::milliseconds timeout{std::chrono::seconds{60}};
  /// Bodies larger than this are cut off and reported as `too_large`. It
  /// counts decoded bytes, so a compressed body cannot unpack past it.
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  /// Header sections larger than this are cut off and reported as
  /// `too_large`. Below curl's own limit of 300 KiB, which it reports as a
  /// receive error that would read as a lost connection.
  std::size_t max_header_bytes = 256 * 1024;
};

} // namespace troupe

#include "runtime/http/curl_transfer.hpp"

#include "runtime/messages/type_ids.hpp"

#include <algorithm>
#include <caf/actor.hpp>
#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <cctype>

namespace troupe {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool has_header(const http_request& request, const std::string& name) {
  return std::any_of(request.headers.begin(), request.headers.end(),
                     [&](const auto& header) { return lower(header.first) == name; });
}

void append(curl_slist*& list, const std::string& line) {
  if (auto* longer = curl_slist_append(list, line.c_str()))
    list = longer;
}

} // namespace

curl_transfer::curl_transfer(uint64_t id, http_request request,
                             caf::strong_actor_ptr reply_to, clock::time_point submitted,
                             easy_handle_pool& handles)
    : handles_(handles), id_(id), request_(std::move(request)),
      reply_to_(std::move(reply_to)), submitted_(submitted), easy_(handles.take()) {
  if (easy_ != nullptr)
    configure();
}

curl_transfer::~curl_transfer() {
  handles_.give(easy_);
  curl_slist_free_all(header_list_);
}

void curl_transfer::configure() {
  curl_easy_setopt(easy_, CURLOPT_URL, request_.url.c_str());
  curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  // Signals would hit whichever thread curl runs on; the actor threads must
  // never see them.
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  if (request_.timeout.count() > 0)
    curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(request_.timeout.count()));
  curl_easy_setopt(easy_, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &curl_transfer::header_callback);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &curl_transfer::write_callback);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
  set_method();
  set_headers();
}

void curl_transfer::set_method() {
  const auto& method = request_.method;
  if (method == "GET") {
    curl_easy_setopt(easy_, CURLOPT_HTTPGET, 1L);
    return;
  }
  if (method == "HEAD") {
    curl_easy_setopt(easy_, CURLOPT_NOBODY, 1L);
    return;
  }
  if (method == "POST" || !request_.body.empty()) {
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request_.body.size()));
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, request_.body.data());
  }
  if (method != "POST")
    curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, method.c_str());
}

void curl_transfer::set_headers() {
  for (const auto& [name, value] : request_.headers)
    // curl drops a header given as "Name:"; "Name;" sends it with no value.
    append(header_list_, value.empty() ? name + ";" : name + ": " + value);
  // Without these, curl would label bodies as form data and hold back large
  // bodies for a "100 Continue" that not every server sends.
  if (!has_header(request_, "content-type"))
    append(header_list_, "Content-Type:");
  if (!has_header(request_, "expect"))
    append(header_list_, "Expect:");
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_);
}

bool curl_transfer::on_header(const char* line, std::size_t size) {
  // Counted over every block, "100 Continue" included: a server must not be
  // able to send headers forever by repeating blocks.
  header_bytes_ += size;
  if (header_bytes_ > request_.max_header_bytes) {
    too_large_ = "response headers larger than " +
                 std::to_string(request_.max_header_bytes) + " bytes";
    return false; // curl ends the transfer with CURLE_WRITE_ERROR
  }
  std::string text(line, size);
  // A new status line starts a new header block (after "100 Continue").
  if (lower(text.substr(0, 5)) == "http/") {
    response_.headers.clear();
    in_body_ = false;
    return true;
  }
  if (trim(text).empty()) {
    in_body_ = true;
    return true;
  }
  auto colon = text.find(':');
  if (colon != std::string::npos)
    response_.headers[lower(trim(text.substr(0, colon)))] = trim(text.substr(colon + 1));
  return true;
}

std::size_t curl_transfer::on_body(const char* data, std::size_t size) {
  if (response_.body.size() + size > request_.max_response_bytes) {
    too_large_ = "response body larger than " +
                 std::to_string(request_.max_response_bytes) + " bytes";
    return 0; // curl ends the transfer with CURLE_WRITE_ERROR
  }
  response_.body.append(data, size);
  return size;
}

std::size_t curl_transfer::header_callback(char* data, std::size_t size,
                                           std::size_t count, void* self) {
  auto* transfer = static_cast<curl_transfer*>(self);
  return transfer->on_header(data, size * count) ? size * count : 0;
}

std::size_t curl_transfer::write_callback(char* data, std::size_t size, std::size_t count,
                                          void* self) {
  return static_cast<curl_transfer*>(self)->on_body(data, size * count);
}

http_failure curl_transfer::classify(CURLcode code) const {
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT:
    return http_failure::timeout;
  case CURLE_COULDNT_CONNECT:
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
    return http_failure::connect_failed;
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
    return http_failure::connection_lost;
  case CURLE_WRITE_ERROR:
    return too_large_.empty() ? http_failure::other : http_failure::too_large;
  case CURLE_OUT_OF_MEMORY:
    // curl 7.x says "out of memory" for one header line over 100 KiB.
    return in_body_ ? http_failure::other : http_failure::too_large;
  default:
    return http_failure::other;
  }
}

http_response curl_transfer::finish(CURLcode code) {
  if (code != CURLE_OK) {
    auto failure = classify(code);
    if (failure == http_failure::too_large)
      return fail(failure, too_large_.empty() ? "a response header line longer than "
                                                "curl accepts (100 KiB)"
                                              : too_large_);
    return fail(failure,
                error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(code));
  }
  auto response = std::move(response_);
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  response.request_id = id_;
  response.status = static_cast<int32_t>(status);
  response.elapsed_us = elapsed_us();
  return response;
}

http_response curl_transfer::fail(http_failure failure, std::string error) const {
  http_response response;
  response.request_id = id_;
  response.failure = failure;
  response.error = std::move(error);
  response.elapsed_us = elapsed_us();
  return response;
}

int64_t curl_transfer::elapsed_us() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - submitted_)
      .count();
}

void curl_transfer::deliver(http_response response) const {
  caf::anon_send(caf::actor_cast<caf::actor>(reply_to_), std::move(response));
}

} // namespace troupe

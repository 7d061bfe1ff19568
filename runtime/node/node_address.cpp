#include "runtime/node/node_address.hpp"

#include "runtime/errors.hpp"

#include <algorithm>
#include <string_view>

namespace troupe {

namespace {

caf::error bad_address(const std::string& text, const std::string& problem) {
  return make_error(errc::invalid_input,
                    "node address '" + text + "' " + problem +
                        "; write HOST:PORT, e.g. 127.0.0.1:7101 or [::1]:7101");
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Host names and IPv4 addresses: letters, digits, '.', '-' and '_'.
bool is_plain_host(std::string_view host) {
  return std::all_of(host.begin(), host.end(), [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '-' || c == '_';
  });
}

/// An IPv6 address as written between brackets: hex digits, ':' and '.' (an
/// embedded IPv4 address), then an optional "%zone".
bool is_bracketed_host(std::string_view host) {
  auto zone = host.find('%');
  auto address = host.substr(0, zone);
  return address.find(':') != std::string_view::npos &&
         std::all_of(address.begin(), address.end(),
                     [](char c) {
                       return is_digit(c) || (c >= 'a' && c <= 'f') ||
                              (c >= 'A' && c <= 'F') || c == ':' || c == '.';
                     }) &&
         (zone == std::string_view::npos ||
          (zone + 1 < host.size() && is_plain_host(host.substr(zone + 1))));
}

} // namespace

caf::expected<node_address> node_address::parse(const std::string& text) {
  if (text.find("://") != std::string::npos)
    return bad_address(text, "has a scheme, which a node address has not");
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos)
      return bad_address(text, "has no ']' after its IPv6 host");
    host = std::string_view{text}.substr(1, close - 1);
    if (close + 1 >= text.size() || text[close + 1] != ':')
      return bad_address(text, "has no ':PORT' after its ']'");
    port = std::string_view{text}.substr(close + 2);
    if (!is_bracketed_host(host))
      return bad_address(text, "has '" + std::string{host} +
                                   "' between brackets, which is not an IPv6 address");
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos)
      return bad_address(text, "has no ':PORT'");
    host = std::string_view{text}.substr(0, colon);
    port = std::string_view{text}.substr(colon + 1);
    if (host.find(':') != std::string_view::npos)
      return bad_address(text, "needs brackets around its IPv6 host");
    if (host.empty())
      return bad_address(text, "has no host before ':'");
    if (!is_plain_host(host))
      return bad_address(text, "has host '" + std::string{host} +
                                   "', which is not a host name or IP address");
  }
  if (port.empty() || !std::all_of(port.begin(), port.end(), is_digit))
    return bad_address(text, "needs a port of digits 0 to 65535 after ':'");
  uint32_t value = 0;
  for (char c : port)
    if ((value = value * 10 + static_cast<uint32_t>(c - '0')) > 65535)
      return bad_address(text, "has port " + std::string{port} + ", beyond 65535");
  return node_address{std::string{host}, static_cast<uint16_t>(value)};
}

std::string node_address::to_string() const {
  auto port_text = std::to_string(port);
  if (host.find(':') != std::string::npos)
    return "[" + host + "]:" + port_text;
  return host + ":" + port_text;
}

} // namespace troupe

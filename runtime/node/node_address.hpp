#pragma once

#include <caf/expected.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// A `troupe node` endpoint as scenarios and the command line write it:
/// "HOST:PORT", "[IPV6]:PORT". Port 0 (listen only) picks a free port.
struct node_address {
  std::string host;
  uint16_t port = 0;

  /// Parses `text`; fails saying what is wrong and showing the form.
  static caf::expected<node_address> parse(const std::string& text);

  /// "host:port", brackets around an IPv6 host.
  std::string to_string() const;
};

} // namespace troupe

#pragma once

#include <array>
#include <caf/expected.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// The peer addresses a `troupe node` serves: IPv4 and IPv6 addresses and
/// CIDR blocks ("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"). Plain and
/// deterministic; the node asks it about each peer it hears from.
class allow_list {
public:
  /// Loopback only (127.0.0.0/8 and ::1): the default of `troupe node`.
  static allow_list loopback();

  /// Parses a comma-separated list; fails naming the entry it cannot read
  /// and what it expected.
  static caf::expected<allow_list> parse(const std::string& text);

  /// Whether `address` (a numeric IPv4 or IPv6 address as the network
  /// layer reports it; IPv4-mapped IPv6 counts as IPv4) is on the list.
  bool allows(const std::string& address) const;

  /// The entries as given, for the node's start-up line and its errors.
  std::string describe() const;

private:
  struct block {
    std::array<uint8_t, 16> bytes{}; // IPv4 in the first 4
    bool v6 = false;
    int prefix = 0; // bits that must match
    std::string text;
  };

  std::vector<block> blocks_;
};

} // namespace troupe

#include "runtime/node/allow_list.hpp"

#include "runtime/errors.hpp"
#include "runtime/text/ascii_text.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cstring>
#include <optional>
#include <string_view>

namespace troupe {

namespace {

constexpr const char* entry_form = "write an address or a CIDR block ADDRESS/BITS, e.g. "
                                   "127.0.0.1, 10.0.0.0/8, ::1 or fd00::/8";

struct address {
  std::array<uint8_t, 16> bytes{}; // IPv4 in the first 4
  bool v6 = false;
};

/// `text` as a numeric IPv4 or IPv6 address, as inet_pton reads it.
std::optional<address> read_address(const std::string& text) {
  address result;
  if (inet_pton(AF_INET, text.c_str(), result.bytes.data()) == 1)
    return result;
  if (inet_pton(AF_INET6, text.c_str(), result.bytes.data()) != 1)
    return std::nullopt;
  result.v6 = true;
  return result;
}

/// True for ::ffff:a.b.c.d, the form a dual-stack socket gives IPv4 peers.
bool is_v4_mapped(const address& a) {
  static constexpr std::array<uint8_t, 12> prefix{0, 0, 0, 0, 0,    0,
                                                  0, 0, 0, 0, 0xff, 0xff};
  return a.v6 && std::equal(prefix.begin(), prefix.end(), a.bytes.begin());
}

address unmapped(const address& a) {
  address v4;
  std::copy(a.bytes.begin() + 12, a.bytes.end(), v4.bytes.begin());
  return v4;
}

/// The bits of a CIDR suffix: one to three digits, at most `max`.
std::optional<int> read_prefix(std::string_view digits, int max) {
  if (digits.empty() || digits.size() > 3 ||
      !std::all_of(digits.begin(), digits.end(),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  int bits = 0;
  for (char c : digits)
    bits = bits * 10 + (c - '0');
  if (bits > max)
    return std::nullopt;
  return bits;
}

caf::error bad_entry(std::string_view entry, const std::string& problem) {
  return make_error(errc::invalid_input, "allow list entry '" + std::string{entry} +
                                             "' " + problem + "; " + entry_form);
}

} // namespace

allow_list allow_list::loopback() {
  auto result = parse("127.0.0.0/8, ::1");
  return std::move(*result);
}

caf::expected<allow_list> allow_list::parse(const std::string& text) {
  allow_list result;
  std::string_view rest{text};
  for (size_t number = 1;; ++number) {
    auto comma = rest.find(',');
    auto entry = trim(rest.substr(0, comma));
    if (entry.empty())
      return make_error(errc::invalid_input, "allow list '" + text +
                                                 "' has an empty entry (entry " +
                                                 std::to_string(number) + "); " +
                                                 entry_form + ", separated by commas");
    auto slash = entry.find('/');
    auto parsed = read_address(std::string{entry.substr(0, slash)});
    if (!parsed)
      return bad_entry(entry, "is not a numeric IPv4 or IPv6 address (host names are "
                              "not looked up)");
    block b;
    b.v6 = parsed->v6;
    b.bytes = parsed->bytes;
    const int max = b.v6 ? 128 : 32;
    b.prefix = max;
    if (slash != std::string_view::npos) {
      auto bits = read_prefix(entry.substr(slash + 1), max);
      if (!bits)
        return bad_entry(entry, "needs a prefix of 0 to " + std::to_string(max) +
                                    " bits after '/' for " + (b.v6 ? "IPv6" : "IPv4"));
      b.prefix = *bits;
    }
    // Peers' mapped addresses are checked as IPv4, so a mapped entry is one.
    if (is_v4_mapped(*parsed) && b.prefix >= 96) {
      b.v6 = false;
      b.bytes = unmapped(*parsed).bytes;
      b.prefix -= 96;
    }
    b.text = std::string{entry};
    result.blocks_.push_back(std::move(b));
    if (comma == std::string_view::npos)
      return result;
    rest.remove_prefix(comma + 1);
  }
}

bool allow_list::allows(const std::string& text) const {
  // A link-local peer may come with its zone ("fe80::1%eth0").
  auto parsed = read_address(text.substr(0, text.find('%')));
  if (!parsed)
    return false;
  auto peer = is_v4_mapped(*parsed) ? unmapped(*parsed) : *parsed;
  return std::any_of(blocks_.begin(), blocks_.end(), [&](const block& b) {
    if (b.v6 != peer.v6)
      return false;
    const auto whole = static_cast<size_t>(b.prefix / 8);
    if (!std::equal(b.bytes.begin(), b.bytes.begin() + whole, peer.bytes.begin()))
      return false;
    const int rest = b.prefix % 8;
    if (rest == 0)
      return true;
    const auto mask = static_cast<uint8_t>(0xff << (8 - rest));
    return (b.bytes[whole] & mask) == (peer.bytes[whole] & mask);
  });
}

std::string allow_list::describe() const {
  std::string result;
  for (const auto& b : blocks_)
    result += (result.empty() ? "" : ", ") + b.text;
  return result;
}

} // namespace troupe

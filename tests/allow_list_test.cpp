#include "runtime/errors.hpp"
#include "runtime/node/allow_list.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

allow_list parsed(const std::string& text) {
  auto list = allow_list::parse(text);
  INFO(text);
  REQUIRE(list);
  return std::move(*list);
}

/// The message parsing `text` fails with.
std::string parse_error(const std::string& text) {
  auto list = allow_list::parse(text);
  INFO(text);
  REQUIRE_FALSE(list);
  CHECK(has_code(list.error(), errc::invalid_input));
  return describe(list.error());
}

} // namespace

TEST_CASE("allow list: exact IPv4 addresses", "[allow_list]") {
  auto list = parsed("10.1.2.3, 192.168.0.7");
  CHECK(list.allows("10.1.2.3"));
  CHECK(list.allows("192.168.0.7"));
  CHECK_FALSE(list.allows("10.1.2.4"));
  CHECK_FALSE(list.allows("192.168.0.70"));
  CHECK_FALSE(list.allows("127.0.0.1"));
}

TEST_CASE("allow list: IPv4 CIDR blocks", "[allow_list]") {
  auto eight = parsed("10.0.0.0/8");
  CHECK(eight.allows("10.0.0.1"));
  CHECK(eight.allows("10.255.255.255"));
  CHECK_FALSE(eight.allows("11.0.0.0"));
  CHECK_FALSE(eight.allows("9.255.255.255"));

  auto twenty_four = parsed("192.168.4.0/24");
  CHECK(twenty_four.allows("192.168.4.0"));
  CHECK(twenty_four.allows("192.168.4.200"));
  CHECK_FALSE(twenty_four.allows("192.168.5.1"));

  auto thirty_two = parsed("172.16.0.9/32");
  CHECK(thirty_two.allows("172.16.0.9"));
  CHECK_FALSE(thirty_two.allows("172.16.0.8"));

  auto everything = parsed("0.0.0.0/0");
  CHECK(everything.allows("1.2.3.4"));
  CHECK(everything.allows("255.255.255.255"));
  CHECK_FALSE(everything.allows("::1")); // an IPv4 block holds no IPv6 peer
}

TEST_CASE("allow list: prefixes that do not end on a byte", "[allow_list]") {
  auto list = parsed("172.16.0.0/12");
  CHECK(list.allows("172.16.0.1"));
  CHECK(list.allows("172.31.255.255"));
  CHECK_FALSE(list.allows("172.32.0.0"));
  CHECK_FALSE(list.allows("172.15.255.255"));
  // Host bits set in the entry do not matter.
  auto loose = parsed("10.9.8.7/8");
  CHECK(loose.allows("10.0.0.1"));
}

TEST_CASE("allow list: IPv6 addresses and blocks", "[allow_list]") {
  auto list = parsed("::1, fd00::/8, 2001:db8:1::/48");
  CHECK(list.allows("::1"));
  CHECK(list.allows("0:0:0:0:0:0:0:1"));
  CHECK_FALSE(list.allows("::2"));
  CHECK(list.allows("fd12:3456::9"));
  CHECK_FALSE(list.allows("fe00::1"));
  CHECK(list.allows("2001:db8:1:ffff::1"));
  CHECK_FALSE(list.allows("2001:db8:2::1"));
  CHECK_FALSE(list.allows("127.0.0.1"));
  auto zoned = parsed("fe80::/10");
  CHECK(zoned.allows("fe80::1%eth0"));
}

TEST_CASE("allow list: IPv4-mapped IPv6 peers count as IPv4", "[allow_list]") {
  auto list = parsed("10.0.0.0/8");
  CHECK(list.allows("::ffff:10.1.2.3"));
  CHECK(list.allows("::FFFF:10.1.2.3"));
  CHECK_FALSE(list.allows("::ffff:11.1.2.3"));
  // Not mapped: the same last four bytes in another IPv6 address.
  CHECK_FALSE(list.allows("::10.1.2.3"));
  CHECK_FALSE(list.allows("64:ff9b::10.1.2.3"));
  // A mapped entry is an IPv4 entry.
  auto mapped = parsed("::ffff:192.168.1.0/120");
  CHECK(mapped.allows("192.168.1.77"));
  CHECK(mapped.allows("::ffff:192.168.1.77"));
  CHECK_FALSE(mapped.allows("192.168.2.1"));
}

TEST_CASE("allow list: loopback is 127.0.0.0/8 and ::1", "[allow_list]") {
  auto list = allow_list::loopback();
  CHECK(list.describe() == "127.0.0.0/8, ::1");
  CHECK(list.allows("127.0.0.1"));
  CHECK(list.allows("127.4.5.6"));
  CHECK(list.allows("::1"));
  CHECK(list.allows("::ffff:127.0.0.1"));
  CHECK_FALSE(list.allows("128.0.0.1"));
  CHECK_FALSE(list.allows("10.0.0.1"));
  CHECK_FALSE(list.allows("::2"));
}

TEST_CASE("allow list: describe gives the entries as written, trimmed", "[allow_list]") {
  auto list = parsed("  10.0.0.0/8 ,\t::1,192.168.1.1  ");
  CHECK(list.describe() == "10.0.0.0/8, ::1, 192.168.1.1");
  CHECK(list.allows("192.168.1.1"));
  CHECK(list.allows("10.3.3.3"));
}

TEST_CASE("allow list: what peers it cannot read, it does not allow", "[allow_list]") {
  auto list = parsed("0.0.0.0/0, ::/0");
  CHECK(list.allows("8.8.8.8"));
  CHECK(list.allows("2001:db8::1"));
  CHECK_FALSE(list.allows(""));
  CHECK_FALSE(list.allows("localhost"));
  CHECK_FALSE(list.allows("1.2.3"));
  CHECK_FALSE(list.allows("1.2.3.4/8"));
}

TEST_CASE("allow list: bad entries are named with an example", "[allow_list]") {
  auto example = "e.g. 127.0.0.1, 10.0.0.0/8, ::1 or fd00::/8";

  auto host = parse_error("10.0.0.1, localhost");
  CHECK_THAT(host, Catch::StartsWith("allow list entry 'localhost' is not a numeric "
                                     "IPv4 or IPv6 address (host names are not "
                                     "looked up)"));
  CHECK_THAT(host, Catch::Contains(example));

  CHECK_THAT(parse_error("10.0.0.256"),
             Catch::Contains("entry '10.0.0.256' is not a numeric IPv4 or IPv6"));
  CHECK_THAT(parse_error("10.0.0.0/33"),
             Catch::Contains("entry '10.0.0.0/33' needs a prefix of 0 to 32 bits "
                             "after '/' for IPv4") &&
                 Catch::Contains(example));
  CHECK_THAT(parse_error("fd00::/129"),
             Catch::Contains("entry 'fd00::/129' needs a prefix of 0 to 128 bits "
                             "after '/' for IPv6"));
  CHECK_THAT(parse_error("10.0.0.0/"),
             Catch::Contains("entry '10.0.0.0/' needs a prefix"));
  CHECK_THAT(parse_error("10.0.0.0/-1"), Catch::Contains("entry '10.0.0.0/-1' needs"));
  CHECK_THAT(parse_error("10.0.0.0/8x"), Catch::Contains("entry '10.0.0.0/8x' needs"));
  CHECK_THAT(parse_error("10.0.0.0/0008"), Catch::Contains("entry '10.0.0.0/0008'"));
}

TEST_CASE("allow list: empty entries are rejected", "[allow_list]") {
  CHECK_THAT(
      parse_error("10.0.0.1,,::1"),
      Catch::StartsWith("allow list '10.0.0.1,,::1' has an empty entry (entry 2)") &&
          Catch::Contains("e.g. 127.0.0.1"));
  CHECK_THAT(parse_error("10.0.0.1, "), Catch::Contains("empty entry (entry 2)"));
  CHECK_THAT(parse_error(""), Catch::Contains("empty entry (entry 1)"));
  CHECK_THAT(parse_error(" , ::1"), Catch::Contains("empty entry (entry 1)"));
}

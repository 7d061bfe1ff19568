#include "runtime/errors.hpp"
#include "runtime/node/node_address.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

node_address parsed(const std::string& text) {
  auto address = node_address::parse(text);
  INFO(text);
  REQUIRE(address);
  return *address;
}

/// The message parsing `text` fails with; each shows the form.
std::string parse_error(const std::string& text) {
  auto address = node_address::parse(text);
  INFO(text);
  REQUIRE_FALSE(address);
  CHECK(has_code(address.error(), errc::invalid_input));
  auto message = describe(address.error());
  CHECK_THAT(message, Catch::StartsWith("node address '" + text + "' "));
  CHECK_THAT(message, Catch::EndsWith("HOST:PORT, e.g. 127.0.0.1:7101 or [::1]:7101"));
  return message;
}

} // namespace

TEST_CASE("node address: host and port", "[node_address]") {
  auto ip = parsed("127.0.0.1:7101");
  CHECK(ip.host == "127.0.0.1");
  CHECK(ip.port == 7101);
  auto name = parsed("worker-2.lab_net.example:80");
  CHECK(name.host == "worker-2.lab_net.example");
  CHECK(name.port == 80);
  CHECK(parsed("h:0").port == 0); // a node that picks a free port
  CHECK(parsed("h:65535").port == 65535);
  CHECK(parsed("h:007101").port == 7101);
}

TEST_CASE("node address: IPv6 hosts in brackets", "[node_address]") {
  auto loopback = parsed("[::1]:7101");
  CHECK(loopback.host == "::1");
  CHECK(loopback.port == 7101);
  CHECK(parsed("[fd00::2:3]:9").host == "fd00::2:3");
  CHECK(parsed("[::ffff:10.0.0.1]:1").host == "::ffff:10.0.0.1");
  CHECK(parsed("[fe80::1%eth0]:7101").host == "fe80::1%eth0");
}

TEST_CASE("node address: to_string brackets IPv6 hosts", "[node_address]") {
  CHECK(node_address{"10.0.0.5", 7101}.to_string() == "10.0.0.5:7101");
  CHECK(node_address{"::1", 7101}.to_string() == "[::1]:7101");
  CHECK(node_address{"node-a", 0}.to_string() == "node-a:0");
  for (std::string text : {"127.0.0.1:7101", "[::1]:7101", "[fd00::9]:65535", "x:0"})
    CHECK(parsed(text).to_string() == text);
  CHECK(parsed("h:0080").to_string() == "h:80");
}

TEST_CASE("node address: bad ports", "[node_address]") {
  CHECK_THAT(parse_error("h:65536"), Catch::Contains("has port 65536, beyond 65535"));
  CHECK_THAT(parse_error("h:99999"), Catch::Contains("beyond 65535"));
  CHECK_THAT(parse_error("h:"), Catch::Contains("needs a port of digits 0 to 65535"));
  CHECK_THAT(parse_error("h:-1"), Catch::Contains("needs a port of digits"));
  CHECK_THAT(parse_error("h:+80"), Catch::Contains("needs a port of digits"));
  CHECK_THAT(parse_error("h:71o1"), Catch::Contains("needs a port of digits"));
  CHECK_THAT(parse_error("h:7101 "), Catch::Contains("needs a port of digits"));
  CHECK_THAT(parse_error("h:123456"), Catch::Contains("has port 123456, beyond 65535"));
  CHECK_THAT(parse_error("h:99999999999999999999999"), Catch::Contains("beyond 65535"));
  CHECK_THAT(parse_error("[::1]:x"), Catch::Contains("needs a port of digits"));
}

TEST_CASE("node address: bad hosts and forms", "[node_address]") {
  CHECK_THAT(parse_error("localhost"), Catch::Contains("has no ':PORT'"));
  CHECK_THAT(parse_error(""), Catch::Contains("has no ':PORT'"));
  CHECK_THAT(parse_error(":7101"), Catch::Contains("has no host before ':'"));
  CHECK_THAT(parse_error("::1:7101"),
             Catch::Contains("needs brackets around its IPv6 host"));
  CHECK_THAT(parse_error("[::1"), Catch::Contains("has no ']' after its IPv6 host"));
  CHECK_THAT(parse_error("[::1]"), Catch::Contains("has no ':PORT' after its ']'"));
  CHECK_THAT(parse_error("[::1]7101"), Catch::Contains("has no ':PORT' after its ']'"));
  CHECK_THAT(parse_error("[]:7101"),
             Catch::Contains("has '' between brackets, which is not an IPv6 address"));
  CHECK_THAT(parse_error("[node-a]:7101"), Catch::Contains("between brackets"));
  CHECK_THAT(parse_error("tcp://h:7101"), Catch::Contains("has a scheme"));
  CHECK_THAT(parse_error("my host:7101"),
             Catch::Contains("has host 'my host', which is not a host name or IP"));
  CHECK_THAT(parse_error(" h:7101"), Catch::Contains("has host ' h'"));
  CHECK_THAT(parse_error("h/x:7101"), Catch::Contains("has host 'h/x'"));
}

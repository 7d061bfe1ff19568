#include "runtime/text/utf8.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

TEST_CASE("utf8_sanitize keeps valid text and replaces malformed bytes", "[utf8]") {
  CHECK(utf8_sanitize("plain ascii") == "plain ascii");
  CHECK(utf8_sanitize("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x8B") ==
        "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x8B");
  // A stray continuation byte, an overlong '/', a surrogate, a cut-off euro.
  CHECK(utf8_sanitize("a\x80"
                      "b") == "a\xEF\xBF\xBD"
                              "b");
  CHECK(utf8_sanitize("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(utf8_sanitize("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(utf8_sanitize("x\xE2\x82") == "x\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("utf8_prefix never ends inside a character", "[utf8]") {
  std::string text = "ab\xE2\x82\xAC"; // "ab€", the euro sign is 3 bytes
  CHECK(utf8_prefix(text, 10) == text);
  CHECK(utf8_prefix(text, 5) == text);
  CHECK(utf8_prefix(text, 4) == "ab");
  CHECK(utf8_prefix(text, 3) == "ab");
  CHECK(utf8_prefix(text, 2) == "ab");
  CHECK(utf8_prefix(text, 0).empty());
}

TEST_CASE("utf8_decode reads code points and their length", "[utf8]") {
  std::size_t length = 0;
  CHECK(utf8_decode("A", 0, length) == U'A');
  CHECK(length == 1);
  CHECK(utf8_decode("\xC3\xA9", 0, length) == U'\u00E9');
  CHECK(length == 2);
  CHECK(utf8_decode("x\xE2\x80\x99", 1, length) == U'\u2019');
  CHECK(length == 3);
  CHECK(utf8_decode("\xF0\x9F\x94\x8B", 0, length) == U'\U0001F50B');
  CHECK(length == 4);
  CHECK(utf8_decode("\xFF", 0, length) == U'\uFFFD');
  CHECK(length == 1);
}

TEST_CASE("utf8_invalid_offset finds the first malformed byte", "[utf8]") {
  CHECK(utf8_invalid_offset("caf\xC3\xA9 \xF0\x9F\x94\x8B") == std::string_view::npos);
  CHECK(utf8_invalid_offset("") == std::string_view::npos);
  CHECK(utf8_invalid_offset("ab\x80") == 2);
  CHECK(utf8_invalid_offset("\xC3\xA9x\xE2\x82") == 3);
}

TEST_CASE("utf8_length and utf8_first_chars count characters, not bytes", "[utf8]") {
  std::string text = "\xC2\xA7 5 \xE2\x82\xAC"; // "§ 5 €": 5 characters, 8 bytes
  CHECK(utf8_length(text) == 5);
  CHECK(utf8_length("a\x80"
                    "b") == 3);
  CHECK(utf8_first_chars(text, 1) == "\xC2\xA7");
  CHECK(utf8_first_chars(text, 4) == "\xC2\xA7 5 ");
  CHECK(utf8_first_chars(text, 9) == text);
  CHECK(utf8_first_chars(text, 0).empty());
}

#include "runtime/scenario/json_locator.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

/// "line:col" of `pos`, or "none".
std::string at(std::optional<text_position> pos) {
  if (!pos)
    return "none";
  return std::to_string(pos->line) + ":" + std::to_string(pos->column);
}

const char* const nested = R"({
  "name": "demo",
  "flow": [
    {"id": "a", "agent": "x"},
    {"id": "b",
     "with": {"q": [1, true, null]}}
  ]
})";

} // namespace

TEST_CASE("json_locator finds values and keys of nested members", "[json_locator]") {
  json_locator loc{nested};
  CHECK(at(loc.value_at("")) == "1:1");
  CHECK(at(loc.key_at("/name")) == "2:3");
  CHECK(at(loc.value_at("/name")) == "2:11");
  CHECK(at(loc.value_at("/flow")) == "3:11");
  CHECK(at(loc.value_at("/flow/0")) == "4:5");
  CHECK(at(loc.key_at("/flow/0/agent")) == "4:17");
  CHECK(at(loc.value_at("/flow/0/agent")) == "4:26");
  CHECK(at(loc.value_at("/flow/1/with/q")) == "6:20");
  CHECK(at(loc.value_at("/flow/1/with/q/1")) == "6:24");
  CHECK(at(loc.value_at("/flow/1/with/q/2")) == "6:30");
}

TEST_CASE("json_locator has no key for the root, elements and unknown pointers",
          "[json_locator]") {
  json_locator loc{nested};
  CHECK_FALSE(loc.key_at(""));
  CHECK_FALSE(loc.key_at("/flow/0"));
  CHECK_FALSE(loc.value_at("/flow/2"));
  CHECK_FALSE(loc.value_at("/nope"));
  CHECK_FALSE(loc.key_at("/flow/0/nope"));
}

TEST_CASE("json_locator skips comments and accepts trailing commas", "[json_locator]") {
  json_locator loc{"// leading comment\n"
                   "{ /* a { tricky ] comment */ \"a\": 1, // \"b\": 2\n"
                   "  \"list\": [\"x\", /* , */ \"y\",],\n"
                   "}\n"};
  CHECK(at(loc.value_at("")) == "2:1");
  CHECK(at(loc.value_at("/a")) == "2:35");
  CHECK_FALSE(loc.value_at("/b"));
  CHECK(at(loc.value_at("/list/1")) == "3:25");
  CHECK_FALSE(loc.value_at("/list/2"));
}

TEST_CASE("json_locator escapes '/' and '~' in pointers and decodes keys",
          "[json_locator]") {
  json_locator loc{R"({"a/b": 1, "c~d": 2, "\u0065": 3})"};
  CHECK(json_locator::child("", "a/b") == "/a~1b");
  CHECK(json_locator::child("/x", "c~d") == "/x/c~0d");
  CHECK(json_locator::child("/flow", size_t{2}) == "/flow/2");
  CHECK(at(loc.value_at("/a~1b")) == "1:9");
  CHECK(at(loc.value_at("/c~0d")) == "1:19");
  CHECK(at(loc.key_at("/e")) == "1:22");
}

TEST_CASE("json_locator counts columns in characters, not bytes", "[json_locator]") {
  json_locator loc{"{\"t\": \"h\xC3\xA9\xC3\xA9\", \"n\": 1}"};
  CHECK(at(loc.value_at("/n")) == "1:19");
  CHECK(loc.position_of(0).line == 1);
}

TEST_CASE("json_locator maps offsets inside strings across escapes", "[json_locator]") {
  // Decoded: `a"b` + newline + `é😀{{x}}`; the "{{" is at byte 10 of it.
  json_locator loc{R"({"s": "a\"b\n\u00e9\ud83d\ude00{{x}}"})"};
  CHECK(at(loc.in_string("/s", 0)) == "1:8");
  CHECK(at(loc.in_string("/s", 2)) == "1:11");
  CHECK(at(loc.in_string("/s", 4)) == "1:14");
  CHECK(at(loc.in_string("/s", 6)) == "1:20");
  CHECK(at(loc.in_string("/s", 10)) == "1:32");
  CHECK_FALSE(loc.in_string("/nope", 0));
}

TEST_CASE("json_locator reports duplicate keys, the last one winning", "[json_locator]") {
  json_locator loc{"{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}"};
  CHECK(loc.duplicate_keys() == std::vector<std::string>{"/b/c", "/a"});
  CHECK(at(loc.value_at("/a")) == "3:7");
  CHECK(at(loc.value_at("/b/c")) == "2:21");
}

TEST_CASE("json_locator skip_blanks passes whitespace and comments", "[json_locator]") {
  std::string text = "{}  // x\n /* y */ z";
  json_locator loc{text};
  CHECK(loc.skip_blanks(2) == text.find('z'));
  CHECK(loc.skip_blanks(text.size()) == text.size());
  auto end = loc.position_of(text.size());
  CHECK(end.line == 2);
  CHECK(end.column == 11);
}

TEST_CASE("json_locator survives malformed text", "[json_locator]") {
  for (const char* text : {"", "{", "[}]", "{\"a\" 1}", "{\"a\": [1, 2", "\"open",
                           "{\"a\": /* open", "[[[[[[[[[[", "}{"}) {
    // The scan stops at the first surprise instead of looping or crashing.
    json_locator loc{text};
    CHECK(loc.position_of(0).line == 1);
  }
}

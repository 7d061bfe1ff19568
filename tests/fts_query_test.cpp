#include "tools/fts_query.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

TEST_CASE("fts_query quotes and OR-joins the words of free text", "[corpus]") {
  CHECK(fts_query("Lithium-ion battery costs") ==
        "\"lithium\" OR \"ion\" OR \"battery\" OR \"costs\"");
}

TEST_CASE("fts_query drops stopwords, duplicates and FTS syntax", "[corpus]") {
  CHECK(fts_query("the cost of the COST") == "\"cost\"");
  CHECK(fts_query("a AND (b") == "\"b\"");
  CHECK(fts_query("\"grid\" NEAR(x* -y title:z)") ==
        "\"grid\" OR \"near\" OR \"x\" OR \"y\" OR \"title\" OR \"z\"");
}

TEST_CASE("fts_query keeps non-ASCII words and splits on unicode punctuation",
          "[corpus]") {
  CHECK(fts_query("caf\xC3\xA9\xE2\x80\x94na\xC3\xAFve") ==
        "\"caf\xC3\xA9\" OR \"na\xC3\xAFve\"");
}

TEST_CASE("fts_query is empty when no searchable word is left", "[corpus]") {
  CHECK(fts_query("").empty());
  CHECK(fts_query("  ** -- () ").empty());
  CHECK(fts_query("what is the").empty());
}

TEST_CASE("fts_query bounds the number of words", "[corpus]") {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "w" + std::to_string(i) + " ";
  auto query = fts_query(text);
  CHECK(query.find("\"w63\"") != std::string::npos);
  CHECK(query.find("\"w64\"") == std::string::npos);
}

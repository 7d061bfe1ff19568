#include "runtime/model/text/prompt_blocks.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

TEST_CASE("prompt_blocks reads question, documents and claims", "[prompt_blocks]") {
  auto blocks =
      prompt_blocks::parse("Answer carefully.\n"
                           "<question> Why store energy? </question>\n"
                           "<document id=\"a\" title=\"First\">Alpha text.</document>\n"
                           "<document title='Second' id='b'>Beta text.</document>\n"
                           "<claim>Storage helps.</claim><claim>  </claim>\n"
                           "Cite sources.");
  CHECK(blocks.question == "Why store energy?");
  REQUIRE(blocks.documents.size() == 2);
  CHECK(blocks.documents[0].id == "a");
  CHECK(blocks.documents[0].title == "First");
  CHECK(blocks.documents[0].text == "Alpha text.");
  CHECK(blocks.documents[1].id == "b");
  CHECK(blocks.documents[1].title == "Second");
  CHECK(blocks.documents[1].text == "Beta text.");
  REQUIRE(blocks.claims.size() == 1);
  CHECK(blocks.claims[0] == "Storage helps.");
  CHECK(blocks.instructions.find("Answer carefully.") != std::string::npos);
  CHECK(blocks.instructions.find("Cite sources.") != std::string::npos);
  CHECK(blocks.instructions.find("Alpha") == std::string::npos);
}

TEST_CASE("prompt_blocks numbers documents without an id", "[prompt_blocks]") {
  auto blocks =
      prompt_blocks::parse("<document>One.</document><document id=\"\">Two.</document>"
                           "<document title=\"T\">Three.</document>");
  REQUIRE(blocks.documents.size() == 3);
  CHECK(blocks.documents[0].id == "doc-1");
  CHECK(blocks.documents[0].title.empty());
  CHECK(blocks.documents[1].id == "doc-2");
  CHECK(blocks.documents[2].id == "doc-3");
  CHECK(blocks.documents[2].title == "T");
}

TEST_CASE("prompt_blocks decodes entities and tolerates '>' in attributes",
          "[prompt_blocks]") {
  auto blocks = prompt_blocks::parse("<document id=\"x&amp;y\" title=\"A > B\">Costs "
                                     "&lt; benefits &amp; more.</document>");
  REQUIRE(blocks.documents.size() == 1);
  CHECK(blocks.documents[0].id == "x&y");
  CHECK(blocks.documents[0].title == "A > B");
  CHECK(blocks.documents[0].text == "Costs < benefits & more.");
}

TEST_CASE("prompt_blocks treats a tag mentioned in instructions as prose",
          "[prompt_blocks]") {
  auto blocks = prompt_blocks::parse("Read each <document> block below.\n"
                                     "<document id=\"d1\">Real text.</document>");
  REQUIRE(blocks.documents.size() == 1);
  CHECK(blocks.documents[0].id == "d1");
  CHECK(blocks.documents[0].text == "Real text.");
  CHECK(blocks.instructions.find("Read each <document> block below.") !=
        std::string::npos);
}

TEST_CASE("prompt_blocks keeps an unterminated block to the end", "[prompt_blocks]") {
  auto blocks =
      prompt_blocks::parse("<question>Q?</question><document id=\"cut\">Half a doc");
  REQUIRE(blocks.documents.size() == 1);
  CHECK(blocks.documents[0].text == "Half a doc");
  CHECK(blocks.question == "Q?");
}

TEST_CASE("prompt_blocks ignores look-alike tags", "[prompt_blocks]") {
  auto blocks = prompt_blocks::parse("<documents>list</documents><claims>x</claims>");
  CHECK(blocks.documents.empty());
  CHECK(blocks.claims.empty());
  CHECK(blocks.instructions == "<documents>list</documents><claims>x</claims>");
}

TEST_CASE("prompt_blocks keeps the first question", "[prompt_blocks]") {
  auto blocks =
      prompt_blocks::parse("<question>First?</question><question>Second?</question>");
  CHECK(blocks.question == "First?");
}

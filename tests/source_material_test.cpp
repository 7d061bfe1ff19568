#include "runtime/model/text/source_material.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

source_material material_of(const std::string& prompt) {
  return source_material{prompt_blocks::parse(prompt), sentence_splitter{},
                         term_extractor{}};
}

term_extractor::term term_of(const std::string& word) {
  return term_extractor{}.extract(word).at(0);
}

} // namespace

TEST_CASE("source_material splits documents into sentences with terms",
          "[source_material]") {
  auto material = material_of("<document id=\"a\">Batteries store energy well. "
                              "They degrade.</document>"
                              "<document id=\"b\">Hydro lasts decades.</document>");
  REQUIRE(material.documents().size() == 2);
  REQUIRE(material.sentences().size() == 3);
  CHECK(material.sentences()[0].text == "Batteries store energy well.");
  CHECK(material.sentences()[0].document == 0);
  CHECK(material.sentences()[0].words == 4);
  CHECK(material.sentences()[0].terms.size() == 3);
  CHECK(material.sentences()[2].document == 1);
}

TEST_CASE("source_material knows which document mentions a term", "[source_material]") {
  auto material = material_of("<document id=\"a\" title=\"Safety\">Batteries use "
                              "grid scale trade-offs.</document>"
                              "<document id=\"b\">Trade policy matters.</document>");
  CHECK(material.mentions(0, term_of("battery")));
  CHECK(material.mentions(0, term_of("safety"))); // from the title
  CHECK_FALSE(material.mentions(1, term_of("battery")));
  CHECK(material.mentions(0, term_of("grid-scale"))); // every part present
  CHECK(material.mentions(0, term_of("tradeoffs")));
  CHECK_FALSE(material.mentions(1, term_of("trade-offs"))); // one part is not enough
  CHECK(material.mentioned_anywhere(term_of("policy")));
  CHECK_FALSE(material.mentioned_anywhere(term_of("hydrogen")));
}

TEST_CASE("source_material falls back to the instructions as one input document",
          "[source_material]") {
  auto material = material_of("<question>Why?</question>Plain text to work on. "
                              "It has two sentences.");
  REQUIRE(material.documents().size() == 1);
  CHECK(material.documents()[0].id == "input");
  REQUIRE(material.sentences().size() == 2);
  CHECK(material.sentences()[0].text == "Plain text to work on.");
}

TEST_CASE("a JSON document is read as its string values, one sentence each") {
  CHECK(readable_text(R"([{"risk": "high", "reason": "Liability is unlimited."},
                          {"risk": "low", "n": 3}])") ==
        "high.\nLiability is unlimited.\nlow.\n");
  CHECK(readable_text("Plain text {stays}.") == "Plain text {stays}.");
  CHECK(readable_text("{not json") == "{not json");
}

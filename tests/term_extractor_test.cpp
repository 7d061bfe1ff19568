#include "runtime/model/text/term_extractor.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

std::vector<std::string> stems(const std::string& text) {
  std::vector<std::string> result;
  for (const auto& t : term_extractor{}.extract(text))
    result.push_back(t.stem);
  return result;
}

} // namespace

TEST_CASE("term_extractor drops stopwords, question words and numbers",
          "[term_extractor]") {
  CHECK(stems("What are the main costs of it in 2020?") ==
        std::vector<std::string>{"cost"});
  CHECK(stems("How and why? It's 1.5 times, don't you think") ==
        std::vector<std::string>{term_extractor::stem("time"), "think"});
  CHECK(stems("").empty());
}

TEST_CASE("term_extractor stems plurals and verb endings alike", "[term_extractor]") {
  auto stem = [](const char* word) { return term_extractor::stem(word); };
  CHECK(stem("batteries") == stem("battery"));
  CHECK(stem("costs") == stem("cost"));
  CHECK(stem("approaches") == stem("approach"));
  CHECK(stem("stores") == stem("store"));
  CHECK(stem("storing") == stem("store"));
  CHECK(stem("stored") == stem("store"));
  CHECK(stem("running") == stem("run"));
  CHECK(stem("using") == stem("use"));
  CHECK(stem("used") == stem("use"));
  CHECK(stem("needed") == stem("need"));
  CHECK(stem("installed") == "install");
  CHECK(stem("analysis") == "analysis");
  CHECK(stem("loss") == "loss");
  CHECK(stem("string") == "string");
  CHECK(stem("u.s") == "u.s");
  CHECK(stem("gas") == "gas");
}

TEST_CASE("term_extractor keeps hyphenated words joined and indexes their parts",
          "[term_extractor]") {
  auto terms = term_extractor{}.extract("The Trade-offs of grid-scale storage");
  REQUIRE(terms.size() == 3);
  CHECK(terms[0].surface == "Trade-offs");
  CHECK(terms[0].stem == term_extractor::stem("tradeoffs"));
  // "offs" stems to "off", a stopword, so only "trade" is a part.
  CHECK(terms[0].parts == std::vector<std::string>{term_extractor::stem("trade")});
  CHECK(terms[1].surface == "grid-scale");
  CHECK(terms[1].parts ==
        std::vector<std::string>{"grid", term_extractor::stem("scale")});
  CHECK(stems("trade-offs") == stems("tradeoffs"));
  CHECK(stems("trade-offs") == stems("Trade-Offs"));
}

TEST_CASE("term_extractor strips possessives and normalises apostrophes",
          "[term_extractor]") {
  auto terms = term_extractor{}.extract("Tesla's battery\xE2\x80\x99s life");
  REQUIRE(terms.size() == 3);
  CHECK(terms[0].surface == "Tesla");
  CHECK(terms[0].stem == "tesla");
  CHECK(terms[1].surface == "battery");
  CHECK(terms[2].stem == "lif");
}

TEST_CASE("term_extractor marks adjacent terms for phrases", "[term_extractor]") {
  auto terms = term_extractor{}.extract("battery storage, grid of the future");
  REQUIRE(terms.size() == 4);
  CHECK_FALSE(terms[0].joins_previous);
  CHECK(terms[1].joins_previous);       // "battery storage"
  CHECK_FALSE(terms[2].joins_previous); // a comma in between
  CHECK_FALSE(terms[3].joins_previous); // stopwords in between
}

TEST_CASE("term_extractor reads non-ASCII words and splits on symbols",
          "[term_extractor]") {
  auto terms = term_extractor{}.extract("Énergie—stockage «batterie» 🔋 naïve");
  std::vector<std::string> surfaces;
  for (const auto& t : terms)
    surfaces.push_back(t.surface);
  CHECK(surfaces == std::vector<std::string>{"Énergie", "stockage", "batterie", "naïve"});
}

TEST_CASE("term_extractor index_terms lists stems then parts", "[term_extractor]") {
  auto terms = term_extractor{}.extract("grid-scale battery");
  CHECK(term_extractor::index_terms(terms) ==
        std::vector<std::string>{term_extractor::stem("gridscale"), "grid",
                                 term_extractor::stem("scale"), "battery"});
}

TEST_CASE("term_extractor distinct keeps each stem once, first occurrence first",
          "[term_extractor]") {
  auto terms = term_extractor::distinct(
      term_extractor{}.extract("Batteries and battery storage; more batteries"));
  REQUIRE(terms.size() == 2);
  CHECK(terms[0].surface == "Batteries");
  CHECK(terms[1].surface == "storage");
}

#include "runtime/model/text/trend_finder.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

source_material material_of(const std::string& prompt) {
  return source_material{prompt_blocks::parse(prompt), sentence_splitter{},
                         term_extractor{}};
}

using ids = std::vector<std::string>;

} // namespace

TEST_CASE("trend_finder keeps terms found in at least two documents", "[trend_finder]") {
  auto material =
      material_of("<document id=\"c\">Costs dominate. Lithium prices.</document>"
                  "<document id=\"a\">Cost matters. Cobalt mining.</document>"
                  "<document id=\"b\">Safety first. Cobalt again.</document>");
  auto trends = trend_finder::find(material, 6);
  REQUIRE(trends.size() == 2);
  CHECK(trends[0].term == "cobalt"); // ties with "cost": alphabetical
  CHECK(trends[0].sources == ids{"a", "b"});
  CHECK(trends[1].term == "cost");
  CHECK(trends[1].sources == ids{"a", "c"});
  CHECK(trend_finder::find(material, 1).size() == 1);
}

TEST_CASE("trend_finder ranks by document count before frequency", "[trend_finder]") {
  auto material =
      material_of("<document id=\"1\">Hydro hydro hydro. Wind power.</document>"
                  "<document id=\"2\">Hydro hydro. Wind speeds.</document>"
                  "<document id=\"3\">Wind farms.</document>");
  auto trends = trend_finder::find(material, 6);
  REQUIRE(trends.size() == 2);
  CHECK(trends[0].term == "wind");
  CHECK(trends[0].sources == ids{"1", "2", "3"});
  CHECK(trends[1].term == "hydro");
}

TEST_CASE("trend_finder prefers a phrase over the words it covers", "[trend_finder]") {
  auto material =
      material_of("<document id=\"a\">Battery storage is growing.</document>"
                  "<document id=\"b\">New battery storage projects.</document>");
  auto trends = trend_finder::find(material, 6);
  REQUIRE(trends.size() == 1);
  CHECK(trends[0].term == "battery storage");
  CHECK(trends[0].sources == ids{"a", "b"});
}

TEST_CASE("trend_finder shows the usual spelling of a term", "[trend_finder]") {
  auto material =
      material_of("<document id=\"a\">Batteries matter. The EU acts.</document>"
                  "<document id=\"b\">Cheap batteries. EU rules.</document>"
                  "<document id=\"c\">Batteries again.</document>");
  auto trends = trend_finder::find(material, 6);
  REQUIRE(trends.size() == 2);
  CHECK(trends[0].term == "batteries"); // lower case wins over "Batteries"
  CHECK(trends[1].term == "EU");        // never written in lower case
}

TEST_CASE("trend_finder finds nothing in a single document", "[trend_finder]") {
  auto material =
      material_of("<document id=\"a\">Cost cost cost. Cost again.</document>");
  CHECK(trend_finder::find(material, 6).empty());
}

TEST_CASE("trend_finder skips themes made only of known terms", "[trend_finder]") {
  auto material =
      material_of("<document id=\"a\">Battery storage costs. Cobalt mining.</document>"
                  "<document id=\"b\">Battery storage safety. Cobalt prices.</document>");
  std::set<std::string> known;
  for (const auto& t : term_extractor{}.extract("battery storage"))
    known.insert(t.stem);
  auto trends = trend_finder::find(material, 6, known);
  REQUIRE(!trends.empty());
  for (const auto& t : trends) {
    CHECK(t.term != "battery storage");
    CHECK(t.term != "battery");
  }
  CHECK(trends[0].term == "cobalt");
}

#include "runtime/model/text/claim_checker.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

source_material material_of(const std::string& prompt) {
  return source_material{prompt_blocks::parse(prompt), sentence_splitter{},
                         term_extractor{}};
}

const std::string documents =
    "<document id=\"hydro\">Pumped hydro remains the largest form of energy storage. "
    "Compared with battery storage, pumped hydro lasts for decades.</document>"
    "<document id=\"plants\" title=\"Hydro plants\">Old pumped hydro plants last for "
    "decades with little upkeep.</document>"
    "<document id=\"lithium\">Lithium-ion battery costs fell sharply.</document>";

} // namespace

TEST_CASE("claim_checker names every document that supports a claim", "[claim_checker]") {
  auto material = material_of(documents);
  auto verdict = claim_checker{material}.check("Pumped hydro lasts for decades.");
  CHECK(verdict.supported);
  CHECK(verdict.sources == std::vector<std::string>{"hydro", "plants"});
  // Both sentences hold all four terms; the earlier one is the evidence.
  CHECK(verdict.evidence ==
        "Compared with battery storage, pumped hydro lasts for decades.");
}

TEST_CASE("claim_checker quotes the sentence that holds most of the claim",
          "[claim_checker]") {
  auto material = material_of(documents);
  auto verdict = claim_checker{material}.check("Battery costs fell.");
  CHECK(verdict.sources == std::vector<std::string>{"lithium"});
  CHECK(verdict.evidence == "Lithium-ion battery costs fell sharply.");
}

TEST_CASE("claim_checker rejects claims the documents do not back", "[claim_checker]") {
  auto material = material_of(documents);
  claim_checker checker{material};
  auto hydrogen = checker.check("Hydrogen caverns store seasonal energy.");
  CHECK_FALSE(hydrogen.supported);
  CHECK(hydrogen.sources.empty());
  CHECK(hydrogen.evidence.empty());
  // A claim without content words asserts nothing a source could back.
  CHECK_FALSE(checker.check("It is what it is.").supported);
  CHECK_FALSE(claim_checker{material_of("")}.check("Hydro lasts.").supported);
}

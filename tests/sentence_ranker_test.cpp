#include "runtime/model/text/sentence_ranker.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace troupe;

namespace {

using candidate = sentence_ranker::candidate;
using terms = std::vector<std::string>;

std::vector<candidate> sample() {
  return {
      {0, {"battery", "storage", "cost", "fall"}, 10}, // 0
      {0, {"battery", "storage", "cost", "fall"}, 10}, // 1: copy of 0
      {0, {"weather", "sunny"}, 10},                   // 2: off topic
      {1, {"battery", "safety", "fire"}, 10},          // 3
      {1, {"battery", "recycling"}, 3},                // 4: too short
      {1, {}, 8},                                      // 5: no content terms
  };
}

} // namespace

TEST_CASE("sentence_ranker favours central sentences and question terms",
          "[sentence_ranker]") {
  sentence_ranker plain{sample(), {}};
  CHECK(plain.score(0) > plain.score(2));
  sentence_ranker asked{sample(), term_extractor{}.extract("safety")};
  CHECK(asked.score(3) > asked.score(0));
  CHECK(asked.score(3) > plain.score(3));
}

TEST_CASE("sentence_ranker rescore ranks as a ranker built for the new question",
          "[sentence_ranker]") {
  auto safety = term_extractor{}.extract("safety");
  auto weather = term_extractor{}.extract("weather");
  sentence_ranker ranker{sample(), safety};
  REQUIRE(ranker.select(1) == std::vector<std::size_t>{3});
  ranker.rescore(weather);
  sentence_ranker fresh{sample(), weather};
  for (std::size_t i = 0; i < sample().size(); ++i)
    CHECK(ranker.score(i) == fresh.score(i));
  CHECK(ranker.select(1) == std::vector<std::size_t>{2});
  ranker.rescore(safety);
  CHECK(ranker.select(1) == std::vector<std::size_t>{3});
}

TEST_CASE("sentence_ranker penalises very short and very long sentences",
          "[sentence_ranker]") {
  std::vector<candidate> same_terms = {{0, {"battery", "cost"}, 3},
                                       {0, {"battery", "cost"}, 12},
                                       {0, {"battery", "cost"}, 80}};
  sentence_ranker ranker{same_terms, {}};
  CHECK(ranker.score(1) > ranker.score(0));
  CHECK(ranker.score(1) > ranker.score(2));
}

TEST_CASE("sentence_ranker select skips redundant and empty sentences",
          "[sentence_ranker]") {
  sentence_ranker ranker{sample(), {}};
  auto picked = ranker.select(6);
  // 1 repeats 0, which ranks first on the tie; 5 has no terms.
  CHECK(std::find(picked.begin(), picked.end(), 0u) != picked.end());
  CHECK(std::find(picked.begin(), picked.end(), 3u) != picked.end());
  CHECK(std::find(picked.begin(), picked.end(), 1u) == picked.end());
  CHECK(std::find(picked.begin(), picked.end(), 5u) == picked.end());
  for (std::size_t i = 1; i < picked.size(); ++i)
    CHECK(ranker.score(picked[i - 1]) >= ranker.score(picked[i]));
}

TEST_CASE("sentence_ranker select leaves out off-topic sentences", "[sentence_ranker]") {
  std::vector<candidate> candidates = {
      {0, {"battery", "fire", "safety", "code"}, 10},
      {0, {"battery", "fire", "risk"}, 10},
      {0, {"weather", "pleasant", "visit"}, 10},
  };
  sentence_ranker ranker{candidates, term_extractor{}.extract("battery fire safety")};
  CHECK(ranker.select(3) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("sentence_ranker select honours k and the per-source cap",
          "[sentence_ranker]") {
  sentence_ranker ranker{sample(), {}};
  CHECK(ranker.select(2).size() == 2);
  CHECK(ranker.select(0).empty());
  auto capped = ranker.select(6, 1);
  REQUIRE(capped.size() == 2);
  CHECK(sample()[capped[0]].source != sample()[capped[1]].source);
}

TEST_CASE("sentence_ranker copes with no candidates", "[sentence_ranker]") {
  sentence_ranker ranker{{}, term_extractor{}.extract("battery")};
  CHECK(ranker.select(3).empty());
}

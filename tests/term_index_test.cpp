#include "runtime/model/text/term_index.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace troupe;

using units = std::vector<std::vector<std::string>>;

TEST_CASE("term_index weighs rare terms above common ones", "[term_index]") {
  term_index index{units{{"battery", "cost"}, {"battery", "fire"}, {"battery", "cost"}}};
  CHECK(index.idf("fire") > index.idf("cost"));
  CHECK(index.idf("cost") > index.idf("battery"));
  CHECK(index.idf("battery") == Approx(1.0)); // ln(4/4) + 1
  CHECK(index.idf("unknown") == 0.0);
}

TEST_CASE("term_index vectors are normalised and compare by cosine", "[term_index]") {
  term_index index{units{{"a1", "b1"}, {"a1", "c1"}, {"d1"}}};
  auto ab = index.vectorize({"a1", "b1"});
  auto ac = index.vectorize({"a1", "c1"});
  auto d = index.vectorize({"d1", "unknown"});
  double norm = 0;
  for (const auto& entry : ab)
    norm += entry.second * entry.second;
  CHECK(norm == Approx(1.0));
  CHECK(term_index::cosine(ab, ab) == Approx(1.0));
  CHECK(term_index::cosine(ab, d) == 0.0);
  auto shared = term_index::cosine(ab, ac);
  CHECK(shared > 0.0);
  CHECK(shared < 1.0);
  CHECK(index.vectorize({"unknown"}).empty());
  CHECK(term_index::cosine({}, ab) == 0.0);
}

TEST_CASE("term_index sums vectors and takes dot products", "[term_index]") {
  term_index index{units{{"x1", "y1"}, {"x1", "z1"}, {"w1"}}};
  auto xy = index.vectorize({"x1", "y1"});
  auto xz = index.vectorize({"x1", "z1"});
  auto total = term_index::sum({xy, xz});
  CHECK(total.size() == 3);
  CHECK(term_index::dot(xy, total) == Approx(1.0 + term_index::dot(xy, xz)));
  CHECK(term_index::dot(xy, index.vectorize({"w1"})) == 0.0);
  CHECK(term_index::sum({}).empty());
}

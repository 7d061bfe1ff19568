// The `where` of a for_each step, element by element: which ones get a task.

#include "runtime/orchestrator/item_filter.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

item_condition condition(std::string ref, boost::json::array accepted) {
  return {std::move(ref), std::move(accepted)};
}

/// Whether `conditions` keep the element parsed from `item_json`.
bool keeps(const std::vector<item_condition>& conditions, const char* item_json) {
  static const boost::json::object none;
  auto item = boost::json::parse(item_json);
  binding_context element{none, none, &item, ""};
  return item_filter{conditions}.keeps(element);
}

} // namespace

TEST_CASE("where keeps an element whose field equals the value", "[where]") {
  std::vector<item_condition> simple{condition("item.complexity", {"simple"})};
  CHECK(keeps(simple, R"({"complexity": "simple", "ticket": "t1"})"));
  CHECK_FALSE(keeps(simple, R"({"complexity": "complex", "ticket": "t2"})"));
  CHECK_FALSE(keeps(simple, R"({"complexity": "Simple"})"));
}

TEST_CASE("where with a list keeps an element equal to one of its values", "[where]") {
  std::vector<item_condition> one_of{condition("item.lang", {"de", "fr"})};
  CHECK(keeps(one_of, R"({"lang": "de"})"));
  CHECK(keeps(one_of, R"({"lang": "fr"})"));
  CHECK_FALSE(keeps(one_of, R"({"lang": "en"})"));
}

TEST_CASE("where skips an element without the field, even against null", "[where]") {
  CHECK_FALSE(keeps({condition("item.complexity", {"simple"})}, R"({"ticket": "t"})"));
  std::vector<item_condition> null_owner{condition("item.owner", {nullptr})};
  CHECK_FALSE(keeps(null_owner, R"({"ticket": "t"})"));
  CHECK(keeps(null_owner, R"({"ticket": "t", "owner": null})"));
  CHECK_FALSE(keeps(null_owner, R"("not an object")"));
}

TEST_CASE("where needs every condition to hold", "[where]") {
  std::vector<item_condition> both{condition("item.complexity", {"simple"}),
                                   condition("item.lang", {"en"})};
  CHECK(keeps(both, R"({"complexity": "simple", "lang": "en"})"));
  CHECK_FALSE(keeps(both, R"({"complexity": "simple", "lang": "de"})"));
  CHECK_FALSE(keeps(both, R"({"complexity": "complex", "lang": "en"})"));
}

TEST_CASE("where compares numbers by value and nothing else across types", "[where]") {
  std::vector<item_condition> two{condition("item.priority", {2})};
  CHECK(keeps(two, R"({"priority": 2})"));
  CHECK(keeps(two, R"({"priority": 2.0})"));
  CHECK_FALSE(keeps(two, R"({"priority": 2.5})"));
  CHECK_FALSE(keeps(two, R"({"priority": "2"})"));
  std::vector<item_condition> yes{condition("item.urgent", {true})};
  CHECK(keeps(yes, R"({"urgent": true})"));
  CHECK_FALSE(keeps(yes, R"({"urgent": 1})"));
  CHECK_FALSE(keeps(yes, R"({"urgent": "true"})"));
}

TEST_CASE("where follows nested fields and array indexes, and item itself", "[where]") {
  CHECK(keeps({condition("item.meta.tags.0", {"billing"})},
              R"({"meta": {"tags": ["billing", "refund"]}})"));
  CHECK_FALSE(keeps({condition("item.meta.tags.1", {"billing"})},
                    R"({"meta": {"tags": ["billing", "refund"]}})"));
  CHECK(keeps({condition("item", {"a", "c"})}, R"("c")"));
  CHECK_FALSE(keeps({condition("item", {"a", "c"})}, R"("b")"));
}

TEST_CASE("no conditions keep every element", "[where]") {
  CHECK(keeps({}, R"({"complexity": "complex"})"));
  CHECK(keeps({}, "null"));
}

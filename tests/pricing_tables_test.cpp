// The process's pricing tables: a file read once, a broken one read again.

#include "runtime/orchestrator/pricing_tables.hpp"
#include "support/test_system.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace troupe;

namespace {

bool has_table(const std::variant<pricing_table, std::vector<config_error>>& loaded) {
  return std::holds_alternative<pricing_table>(loaded);
}

} // namespace

TEST_CASE("a pricing file is read once per process", "[pricing_tables]") {
  test::temp_dir tmp;
  auto path = tmp.file("pricing.json");
  std::ofstream{path} << R"({"prices": {"openai/gpt-x": {"input": 1, "output": 2}}})";
  pricing_tables tables;
  REQUIRE(has_table(tables.load(path)));
  std::ofstream{path} << "not JSON"; // not read again: the first table stays
  auto again = tables.load(path);
  REQUIRE(has_table(again));
  CHECK(std::get<pricing_table>(again).find("openai", "gpt-x"));
}

TEST_CASE("a pricing file with problems is read again", "[pricing_tables]") {
  test::temp_dir tmp;
  auto path = tmp.file("pricing.json");
  std::ofstream{path} << "not JSON";
  pricing_tables tables;
  CHECK_FALSE(has_table(tables.load(path)));
  std::ofstream{path} << R"({"prices": {"openai/gpt-x": {"input": 1, "output": 2}}})";
  CHECK(has_table(tables.load(path)));
}

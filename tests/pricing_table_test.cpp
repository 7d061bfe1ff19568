#include "runtime/model/budget/pricing_table.hpp"
#include "support/test_system.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace troupe;

namespace {

const std::string shipped = TROUPE_SOURCE_DIR "/scenarios/pricing.json";

std::vector<config_error> errors_of(const test::temp_dir& dir, const std::string& text) {
  auto path = dir.file("pricing.json");
  std::ofstream{path} << text;
  auto result = pricing_table::load(path);
  REQUIRE(std::holds_alternative<std::vector<config_error>>(result));
  return std::get<std::vector<config_error>>(result);
}

/// The one error of a file, checked to start with "FILE:LINE:COL: ".
config_error only_error(const test::temp_dir& dir, const std::string& text,
                        const std::string& place) {
  auto errors = errors_of(dir, text);
  std::string all;
  for (const auto& e : errors)
    all += e.to_string() + "\n";
  INFO(all);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].to_string().rfind(dir.file("pricing.json") + ":" + place + ": ", 0) ==
        0);
  return errors[0];
}

pricing_table loaded(const std::string& path) {
  auto result = pricing_table::load(path);
  if (auto* errors = std::get_if<std::vector<config_error>>(&result))
    for (const auto& e : *errors)
      FAIL(e.to_string());
  return std::get<pricing_table>(result);
}

} // namespace

TEST_CASE("the shipped pricing table loads and prices the common models", "[pricing]") {
  auto table = loaded(shipped);
  CHECK(table.as_of() == "2026-11");
  for (const char* model :
       {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini"}) {
    INFO(model);
    auto price = table.find("openai", model);
    REQUIRE(price);
    CHECK(price->input_per_mtok > 0);
    CHECK(price->output_per_mtok >= price->input_per_mtok);
  }
  for (const char* model : {"claude-3-5-haiku", "claude-3-5-haiku-latest",
                            "claude-3-5-sonnet", "claude-sonnet-4", "claude-opus-4"}) {
    INFO(model);
    auto price = table.find("anthropic", model);
    REQUIRE(price);
    CHECK(price->input_per_mtok > 0);
    CHECK(price->output_per_mtok >= price->input_per_mtok);
  }
  auto mini = table.find("openai", "gpt-4o-mini");
  CHECK(mini->input_per_mtok == Approx(0.15));
  CHECK(mini->output_per_mtok == Approx(0.60));
}

TEST_CASE("an empty path loads the shipped table", "[pricing]") {
  auto table = loaded("");
  CHECK(table.as_of() == "2026-11");
  CHECK(table.find("openai", "gpt-4o"));
}

TEST_CASE("an exact price wins over a price for any provider", "[pricing]") {
  pricing_table table;
  table.set("*", "llama3.1:8b", {0.0, 0.0});
  table.set("*", "gpt-4o", {2.5, 10});
  table.set("azure", "gpt-4o", {2.75, 11});
  CHECK(table.find("azure", "gpt-4o")->input_per_mtok == Approx(2.75));
  CHECK(table.find("openai", "gpt-4o")->input_per_mtok == Approx(2.5));
  CHECK(table.find("ollama", "llama3.1:8b")->output_per_mtok == 0);
  CHECK_FALSE(table.find("openai", "gpt-9"));
  table.set("azure", "gpt-4o", {3, 12}); // set replaces
  CHECK(table.find("azure", "gpt-4o")->output_per_mtok == Approx(12));
}

TEST_CASE("the local provider is free, whatever the table says", "[pricing]") {
  pricing_table table;
  table.set("local", "extractive-v1", {5, 5});
  auto price = table.find("local", "extractive-v1");
  REQUIRE(price);
  CHECK(price->input_per_mtok == 0);
  CHECK(price->output_per_mtok == 0);
  CHECK(table.find("local", "anything-else"));
}

TEST_CASE("cost is tokens times the price per million", "[pricing]") {
  model_price price{2.5, 10};
  CHECK(pricing_table::cost(price, 1000, 500) == Approx(0.0075));
  CHECK(pricing_table::cost(price, 1'000'000, 0) == Approx(2.5));
  CHECK(pricing_table::cost(price, 0, 2'000'000) == Approx(20));
  CHECK(pricing_table::cost({}, 123456, 654321) == 0);
}

TEST_CASE("pricing files may have comments and trailing commas", "[pricing]") {
  test::temp_dir dir;
  auto path = dir.file("mine.json");
  std::ofstream{path} << R"(// my negotiated prices
{
  /* no as_of: it is optional */
  "prices": {
    "openai/gpt-4o": {"input": 2, "output": 8,},
    "*/llama3.1:8b": {"input": 0, "output": 0},
  },
})";
  auto table = loaded(path);
  CHECK(table.as_of().empty());
  CHECK(table.find("openai", "gpt-4o")->output_per_mtok == Approx(8));
  CHECK(table.find("anyone", "llama3.1:8b"));
}

TEST_CASE("malformed pricing files are reported at their place", "[pricing]") {
  test::temp_dir dir;

  SECTION("a negative price") {
    auto e = only_error(dir, R"({"prices": {
  "openai/gpt-4o": {"input": -2.5, "output": 10}
}})",
                        "2:30");
    CHECK(e.message ==
          "prices.openai/gpt-4o.input must be from 0 to 1000000, not -2.5E0");
    CHECK(e.hint.find("USD per million tokens") != std::string::npos);
  }
  SECTION("a price that is not a number") {
    auto e = only_error(dir, R"({"prices": {
  "openai/gpt-4o": {"input": 2.5, "output": "10"}
}})",
                        "2:45");
    CHECK(e.message == "prices.openai/gpt-4o.output must be a number, not a string");
  }
  SECTION("an unknown key in a price") {
    auto e = only_error(dir, R"({"prices": {
  "openai/gpt-4o": {"input": 2.5, "output": 10, "cached": 1.25}
}})",
                        "2:49");
    CHECK(e.message == "unknown key 'cached' in prices.openai/gpt-4o");
    CHECK(e.hint.find("input, output") != std::string::npos);
  }
  SECTION("a misspelt top-level key") {
    auto e = only_error(dir, R"({"as_of": "2026-11", "prices": {},
 "price": {}})",
                        "2:2");
    CHECK(e.message == "unknown key 'price'");
    CHECK(e.hint.find("did you mean 'prices'?") != std::string::npos);
  }
  SECTION("a key without a provider") {
    auto e = only_error(dir, R"({"prices": {
    "gpt-4o": {"input": 2.5, "output": 10}
}})",
                        "2:5");
    CHECK(e.message == "price 'gpt-4o' does not name \"provider/model\"");
    CHECK(e.hint.find("\"*/gpt-4o\"") != std::string::npos);
  }
  SECTION("a price without an output") {
    auto e = only_error(dir, R"({"prices": {"openai/gpt-4o": {"input": 2.5}}})", "1:30");
    CHECK(e.message == "price 'openai/gpt-4o' has no \"output\"");
  }
  SECTION("no prices at all") {
    auto e = only_error(dir, R"({"as_of": "2026-11"})", "1:1");
    CHECK(e.message == "the pricing file has no \"prices\"");
  }
  SECTION("an as_of that is not text") {
    auto e = only_error(dir, "{\"as_of\": 2026, \"prices\": {}}", "1:11");
    CHECK(e.message == "as_of must be a string, not a number");
  }
  SECTION("a syntax error") {
    auto e = only_error(dir, R"({"prices": {
  "openai/gpt-4o": {"input": 2.5 "output": 10}
}})",
                        "2:34");
    CHECK(e.message.rfind("invalid JSON", 0) == 0);
  }
  SECTION("a key given twice") {
    auto e = only_error(dir, R"({"prices": {
  "openai/gpt-4o": {"input": 2.5, "output": 10},
  "openai/gpt-4o": {"input": 5, "output": 15}
}})",
                        "3:3");
    CHECK(e.message == "prices.openai/gpt-4o is given more than once");
  }
  SECTION("every error of a file, in file order") {
    auto errors = errors_of(dir, R"({"prices": {
  "gpt-4o": {"input": 2.5, "output": 10},
  "openai/o3": {"input": "2", "output": -8}
}})");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].line == 2);
    CHECK(errors[1].line == 3);
    CHECK(errors[1].column == 26);
    CHECK(errors[2].column == 41);
  }
}

TEST_CASE("a missing pricing file is named", "[pricing]") {
  test::temp_dir dir;
  auto result = pricing_table::load(dir.file("nope.json"));
  REQUIRE(std::holds_alternative<std::vector<config_error>>(result));
  const auto& errors = std::get<std::vector<config_error>>(result);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].to_string().rfind(dir.file("nope.json") + ": pricing file '", 0) == 0);
  CHECK(errors[0].message.find("does not exist") != std::string::npos);
}

#include "runtime/errors.hpp"
#include "runtime/orchestrator/binding_context.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

boost::json::object outputs() {
  return boost::json::parse(
             R"({"search": {"sources": [{"id": "a", "n": 1}, {"id": "b"}]}})")
      .as_object();
}

} // namespace

TEST_CASE("references resolve inputs, outputs, items and the loop query") {
  boost::json::object inputs{{"question", "why?"}};
  auto out = outputs();
  boost::json::value item = boost::json::object{{"id", "z"}};
  binding_context ctx{inputs, out, &item, "follow"};
  CHECK(*ctx.resolve("inputs.question") == "why?");
  CHECK(*ctx.resolve("search.sources.1.id") == "b");
  CHECK(ctx.resolve("search.sources")->as_array().size() == 2);
  CHECK(*ctx.resolve("item.id") == "z");
  CHECK(*ctx.resolve("loop.query") == "follow");
  CHECK(!ctx.resolve("search.sources.7"));
  CHECK(!ctx.resolve("search.nothing"));
  CHECK(!ctx.resolve("inputs.missing"));
  CHECK(!ctx.resolve("loop.other"));
}

TEST_CASE("a whole-string reference keeps the JSON type; text interpolates") {
  boost::json::object inputs{{"question", "why?"}};
  auto out = outputs();
  binding_context ctx{inputs, out, nullptr, ""};
  auto whole = ctx.expand("{{ search.sources.0 }}");
  REQUIRE(whole);
  CHECK(whole->at("n") == 1);
  auto text = ctx.expand(
      "Q={{inputs.question}} first={{search.sources.0.id}} n={{search.sources.0.n}}");
  REQUIRE(text);
  CHECK(*text == "Q=why? first=a n=1");
  auto nested = ctx.expand(boost::json::parse(R"({"a": ["{{inputs.question}}", 3]})"));
  REQUIRE(nested);
  CHECK(nested->at("a").at(0) == "why?");
  CHECK(nested->at("a").at(1) == 3);
}

TEST_CASE("an unresolvable reference is an error naming it") {
  boost::json::object inputs;
  auto out = outputs();
  binding_context ctx{inputs, out, nullptr, ""};
  auto x = ctx.expand("see {{analyze.trends}}");
  REQUIRE(!x);
  CHECK(troupe::describe(x.error()).find("analyze.trends") != std::string::npos);
  CHECK(!ctx.expand("{{item}}"));
}

#include "runtime/orchestrator/flow_state.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

step_spec step(std::string id, boost::json::object with, std::string for_each = "") {
  step_spec s;
  s.id = id;
  s.agent = id;
  s.with = std::move(with);
  s.for_each = std::move(for_each);
  return s;
}

scenario_spec research_flow(int max_rounds) {
  scenario_spec spec;
  spec.name = "t";
  spec.flow.push_back(
      step("search", {{"query", "{{inputs.q}}"}, {"followup", "{{loop.query}}"}}));
  spec.flow.push_back(step(
      "summarize", {{"source", "{{item}}"}, {"q", "Q: {{inputs.q}}"}}, "search.sources"));
  spec.flow.push_back(step("refine", {{"all", "{{summarize}}"}}));
  spec.flow.back().loop_back = loop_back_spec{"search", max_rounds};
  return spec;
}

boost::json::value sources(std::initializer_list<const char*> ids) {
  boost::json::array arr;
  for (auto id : ids)
    arr.push_back(boost::json::object{{"id", id}});
  return boost::json::object{{"sources", arr}};
}

} // namespace

TEST_CASE("steps run in order and see inputs and earlier outputs") {
  auto spec = research_flow(1);
  flow_state flow{spec, {{"q", "batteries"}}};
  REQUIRE(flow.current().id == "search");
  auto in = flow.tasks();
  REQUIRE(in);
  REQUIRE(in->inputs.size() == 1);
  CHECK(in->inputs.front().at("query") == "batteries");
  CHECK(in->inputs.front().at("followup") == "");
  CHECK(flow.complete(sources({"a", "b", "c"}), "") == flow_state::transition::advanced);

  REQUIRE(flow.current().id == "summarize");
  in = flow.tasks();
  REQUIRE(in);
  REQUIRE(in->inputs.size() == 3);
  CHECK(in->inputs.at(1).at("source").at("id") == "b");
  CHECK(in->inputs.at(1).at("q") == "Q: batteries");
}

TEST_CASE("a fan-out step's output is the list of its item outputs") {
  auto spec = research_flow(1);
  flow_state flow{spec, {{"q", "x"}}};
  flow.complete(sources({"a"}), "");
  flow.complete(boost::json::array{"sa"}, "");
  auto in = flow.tasks();
  REQUIRE(in);
  CHECK(in->inputs.front().at("all") == boost::json::array{"sa"});
}

TEST_CASE("loop-back is taken while rounds remain, then refused") {
  auto spec = research_flow(2);
  flow_state flow{spec, {{"q", "x"}}};
  flow.complete(sources({"a"}), "");
  flow.complete(boost::json::array{}, "");
  CHECK(flow.complete(boost::json::object{}, "hydrogen") ==
        flow_state::transition::looped_back);
  CHECK(flow.current().id == "search");
  CHECK(flow.loop_query() == "hydrogen");
  auto in = flow.tasks();
  REQUIRE(in);
  CHECK(in->inputs.front().at("followup") == "hydrogen");
  flow.complete(sources({"a", "b"}), "");
  flow.complete(boost::json::array{}, "");
  CHECK(flow.complete(boost::json::object{}, "pumped hydro") ==
        flow_state::transition::looped_back);
  flow.complete(sources({"a", "b"}), "");
  flow.complete(boost::json::array{}, "");
  CHECK(flow.complete(boost::json::object{}, "air") ==
        flow_state::transition::bound_reached);
  CHECK(flow.finished());
  CHECK(flow.loop_rounds() == 2);
  CHECK(flow.steps_completed() == 9);
}

TEST_CASE("loop-back with the same follow-up as last round is refused") {
  auto spec = research_flow(5);
  flow_state flow{spec, {{"q", "x"}}};
  flow.complete(sources({"a"}), "");
  flow.complete(boost::json::array{}, "");
  CHECK(flow.complete(boost::json::object{}, "gap") ==
        flow_state::transition::looped_back);
  flow.complete(sources({"a"}), "");
  flow.complete(boost::json::array{}, "");
  CHECK(flow.complete(boost::json::object{}, "gap") ==
        flow_state::transition::no_progress);
  CHECK(flow.finished());
}

TEST_CASE("needs_more on a step without loop_back just advances") {
  auto spec = research_flow(1);
  flow_state flow{spec, {{"q", "x"}}};
  CHECK(flow.complete(sources({}), "ignored") == flow_state::transition::advanced);
  CHECK(flow.current().id == "summarize");
}

TEST_CASE("memo finds finished tasks of the same step with identical inputs") {
  auto spec = research_flow(1);
  flow_state flow{spec, {{"q", "x"}}};
  flow.complete(sources({"a"}), "");
  boost::json::value input = boost::json::object{{"source", "a"}};
  CHECK(flow.memo_find(input) == nullptr);
  flow.memo_store(input, "summary of a");
  REQUIRE(flow.memo_find(input) != nullptr);
  CHECK(*flow.memo_find(input) == "summary of a");
  CHECK(flow.memo_find(boost::json::object{{"source", "b"}}) == nullptr);
  flow.complete(boost::json::array{}, "");
  flow.memo_store(input, "refined");
  CHECK(flow.memo_find(input) == nullptr); // single-task steps always run again
}

TEST_CASE("a for_each over something that is not a list is an error") {
  scenario_spec spec;
  spec.flow.push_back(step("a", {}));
  spec.flow.push_back(step("b", {{"x", "{{item}}"}}, "a.count"));
  flow_state flow{spec, {}};
  flow.complete(boost::json::object{{"count", 3}}, "");
  auto in = flow.tasks();
  REQUIRE(!in);
}

namespace {

/// classify labels tickets; answer runs over the simple ones.
scenario_spec triage_flow(std::vector<item_condition> where) {
  scenario_spec spec;
  spec.flow.push_back(step("classify", {}));
  spec.flow.push_back(step("answer", {{"ticket", "{{item.ticket}}"}}, "classify"));
  spec.flow.back().where = std::move(where);
  return spec;
}

boost::json::value tickets() {
  return boost::json::parse(R"([
    {"ticket": "t0", "complexity": "simple"},
    {"ticket": "t1", "complexity": "complex"},
    {"ticket": "t2", "complexity": "simple"},
    {"ticket": "t3"}
  ])");
}

} // namespace

TEST_CASE("where sends a task per kept element, keeping its index in the list",
          "[where]") {
  auto spec = triage_flow({{"item.complexity", {"simple"}}});
  flow_state flow{spec, {}};
  flow.complete(tickets(), "");
  auto in = flow.tasks();
  REQUIRE(in);
  REQUIRE(in->inputs.size() == 2);
  CHECK(in->inputs[0].at("ticket") == "t0");
  CHECK(in->inputs[1].at("ticket") == "t2");
  CHECK(in->item_indexes == std::vector<int32_t>{0, 2});
  CHECK(in->skipped == 2);
}

TEST_CASE("where that keeps nothing makes no tasks", "[where]") {
  auto spec = triage_flow({{"item.complexity", {"urgent", "critical"}}});
  flow_state flow{spec, {}};
  flow.complete(tickets(), "");
  auto in = flow.tasks();
  REQUIRE(in);
  CHECK(in->inputs.empty());
  CHECK(in->item_indexes.empty());
  CHECK(in->skipped == 4);
}

TEST_CASE("a for_each without where sends every element; a plain step one task",
          "[where]") {
  auto spec = triage_flow({});
  flow_state flow{spec, {}};
  auto single = flow.tasks();
  REQUIRE(single);
  CHECK(single->item_indexes == std::vector<int32_t>{-1});
  flow.complete(tickets(), "");
  auto in = flow.tasks();
  REQUIRE(in);
  CHECK(in->item_indexes == std::vector<int32_t>{0, 1, 2, 3});
  CHECK(in->skipped == 0);
}

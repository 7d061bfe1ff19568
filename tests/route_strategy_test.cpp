#include "runtime/model/policy/cheapest_strategy.hpp"
#include "runtime/model/policy/fallback_strategy.hpp"
#include "runtime/model/policy/score_strategy.hpp"
#include "runtime/model/policy/weighted_strategy.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

using order_t = std::vector<std::size_t>;

route_spec make_route(const std::string& strategy, std::vector<double> weights) {
  route_spec route;
  route.name = "test";
  route.strategy = strategy;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    target_spec t;
    t.provider = "p" + std::to_string(i);
    t.model = "m";
    t.weight = weights[i];
    route.targets.push_back(t);
  }
  return route;
}

/// One view per target of `route`, in route order, all fitting and free.
std::vector<target_view> views(const route_spec& route) {
  std::vector<target_view> result;
  for (std::size_t i = 0; i < route.targets.size(); ++i)
    result.push_back(target_view{i, &route.targets[i], 0.0, true});
  return result;
}

} // namespace

TEST_CASE("fallback strategy keeps route order, misfits last", "[policy]") {
  auto route = make_route("fallback", {1, 1, 1, 1});
  auto targets = views(route);
  fallback_strategy strategy;
  random_source rng{1};
  CHECK(strategy.order(targets, rng) == order_t{0, 1, 2, 3});
  std::swap(targets[0], targets[3]);
  CHECK(strategy.order(targets, rng) == order_t{0, 1, 2, 3});
  for (auto& t : targets)
    t.fits_context = t.index != 0 && t.index != 2;
  CHECK(strategy.order(targets, rng) == order_t{1, 3, 0, 2});
}

TEST_CASE("weighted strategy splits first picks by weight", "[policy]") {
  auto route = make_route("weighted", {3, 1});
  auto targets = views(route);
  weighted_strategy strategy;
  random_source rng{2024};
  int heavy_first = 0;
  const int picks = 10000;
  for (int i = 0; i < picks; ++i) {
    auto order = strategy.order(targets, rng);
    REQUIRE(order.size() == 2);
    REQUIRE(order[0] != order[1]);
    heavy_first += order[0] == 0;
  }
  CHECK(static_cast<double>(heavy_first) / picks == Approx(0.75).margin(0.02));
}

TEST_CASE("weighted strategy draws fitting targets first and skips zero weights",
          "[policy]") {
  auto route = make_route("weighted", {100, 1, 0, 1});
  auto targets = views(route);
  targets[0].fits_context = false;
  weighted_strategy strategy;
  random_source rng{5};
  for (int i = 0; i < 1000; ++i) {
    auto order = strategy.order(targets, rng);
    REQUIRE(order.size() == 4);
    CHECK(order[0] != 2);
    CHECK(order[1] != 2);
    CHECK(order[2] == 2); // the last fitting one
    CHECK(order[3] == 0); // the misfit, whatever its weight
  }
}

TEST_CASE("cheapest strategy orders by expected cost and drops misfits", "[policy]") {
  auto route = make_route("cheapest", {1, 1, 1, 1, 1});
  auto targets = views(route);
  const std::vector<double> costs{0.3, 0.1, 0.2, 0.1, 0.01};
  for (std::size_t i = 0; i < targets.size(); ++i)
    targets[i].expected_cost_usd = costs[i];
  targets[4].fits_context = false;
  cheapest_strategy strategy;
  random_source rng{1};
  CHECK(strategy.order(targets, rng) == order_t{1, 3, 2, 0});
}

TEST_CASE("score strategy tries untried targets first", "[policy]") {
  auto route = make_route("score", {1, 1, 1});
  auto targets = views(route);
  score_strategy strategy{0.0};
  random_source rng{1};
  CHECK(strategy.order(targets, rng) == order_t{0, 1, 2});
  strategy.observe(0, true, 100);
  CHECK(strategy.order(targets, rng).front() == 1);
  strategy.observe(1, true, 100);
  CHECK(strategy.order(targets, rng).front() == 2);
}

TEST_CASE("score strategy prefers the fast reliable target", "[policy]") {
  auto route = make_route("score", {1, 1, 1});
  auto targets = views(route);
  score_strategy strategy{0.0};
  random_source rng{1};
  for (int i = 0; i < 20; ++i) {
    strategy.observe(0, i % 2 == 0, 400); // unreliable
    strategy.observe(1, true, 3000);      // slow
    strategy.observe(2, true, 400);       // fast and reliable
  }
  // Half the tries failing costs more than seven times the latency.
  CHECK(strategy.order(targets, rng) == order_t{2, 1, 0});

  SECTION("a much higher price outweighs speed") {
    targets[2].expected_cost_usd = 1.0;
    targets[1].expected_cost_usd = 0.01;
    targets[0].expected_cost_usd = 0.01;
    CHECK(strategy.order(targets, rng).front() == 1);
  }
  SECTION("misfits go last") {
    targets[2].fits_context = false;
    CHECK(strategy.order(targets, rng) == order_t{1, 0, 2});
  }
}

TEST_CASE("score strategy explores at the configured rate", "[policy]") {
  auto route = make_route("score", {1, 1, 1});
  auto targets = views(route);
  score_strategy strategy{0.1};
  for (int i = 0; i < 5; ++i) {
    strategy.observe(0, true, 200);
    strategy.observe(1, true, 900);
    strategy.observe(2, true, 900);
  }
  random_source rng{99};
  const int orders = 5000;
  int explored = 0;
  int second_first = 0;
  for (int i = 0; i < orders; ++i) {
    auto order = strategy.order(targets, rng);
    REQUIRE(order.size() == 3);
    explored += order[0] != 0;
    second_first += order[0] == 1;
  }
  CHECK(static_cast<double>(explored) / orders == Approx(0.1).margin(0.03));
  // Exploration picks among the others evenly.
  CHECK(static_cast<double>(second_first) / explored == Approx(0.5).margin(0.1));
}

TEST_CASE("route strategies are made by name", "[policy]") {
  for (const auto& name : known_route_strategies()) {
    INFO(name);
    CHECK(make_route_strategy(make_route(name, {1})) != nullptr);
  }
  auto is = [](const std::string& name, auto* type) {
    auto strategy = make_route_strategy(make_route(name, {1}));
    return dynamic_cast<decltype(type)>(strategy.get()) != nullptr;
  };
  CHECK(is("fallback", static_cast<fallback_strategy*>(nullptr)));
  CHECK(is("weighted", static_cast<weighted_strategy*>(nullptr)));
  CHECK(is("cheapest", static_cast<cheapest_strategy*>(nullptr)));
  CHECK(is("score", static_cast<score_strategy*>(nullptr)));
  CHECK(make_route_strategy(make_route("round_robin", {1})) == nullptr);
  CHECK(make_route_strategy(make_route("", {1})) == nullptr);
}

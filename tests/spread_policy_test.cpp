#include "runtime/orchestrator/least_loaded_spread.hpp"
#include "runtime/orchestrator/round_robin_spread.hpp"
#include "runtime/orchestrator/spread_policy.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

using picks_t = std::vector<std::optional<std::size_t>>;

/// `count` instances, all up and idle.
std::vector<instance_load> idle(std::size_t count) {
  return std::vector<instance_load>(count, instance_load{true, 0});
}

/// The next `count` picks of `policy` over unchanging `instances`.
picks_t picks(spread_policy& policy, const std::vector<instance_load>& instances,
              int count) {
  picks_t result;
  for (int i = 0; i < count; ++i)
    result.push_back(policy.pick(instances));
  return result;
}

} // namespace

TEST_CASE("spread policies are made by name", "[spread_policy]") {
  CHECK(spread_policy_names() == std::vector<std::string>{"round_robin", "least_loaded"});
  CHECK(dynamic_cast<round_robin_spread*>(make_spread_policy("round_robin").get()) !=
        nullptr);
  CHECK(dynamic_cast<least_loaded_spread*>(make_spread_policy("least_loaded").get()) !=
        nullptr);
  CHECK(make_spread_policy("random") == nullptr);
  CHECK(make_spread_policy("") == nullptr);
}

TEST_CASE("round robin rotates over the instances, wrapping", "[spread_policy]") {
  round_robin_spread policy;
  CHECK(picks(policy, idle(3), 7) == picks_t{0, 1, 2, 0, 1, 2, 0});
}

TEST_CASE("round robin ignores load", "[spread_policy]") {
  round_robin_spread policy;
  std::vector<instance_load> instances{{true, 9}, {true, 0}, {true, 4}};
  CHECK(picks(policy, instances, 4) == picks_t{0, 1, 2, 0});
}

TEST_CASE("round robin skips instances that are down", "[spread_policy]") {
  round_robin_spread policy;
  auto instances = idle(4);
  instances[1].up = false;
  CHECK(picks(policy, instances, 4) == picks_t{0, 2, 3, 0});
  // The first pick skips a down first instance.
  round_robin_spread fresh;
  instances[0].up = false;
  CHECK(picks(fresh, instances, 3) == picks_t{2, 3, 2});
}

TEST_CASE("round robin goes on after the last pick when instances change",
          "[spread_policy]") {
  round_robin_spread policy;
  auto instances = idle(4);
  CHECK(picks(policy, instances, 2) == picks_t{0, 1});
  instances[2].up = false; // lost while 1 was the last pick
  CHECK(policy.pick(instances) == std::optional<std::size_t>{3});
  instances[2].up = true; // back: its turn comes after 3, wrapping
  CHECK(picks(policy, instances, 3) == picks_t{0, 1, 2});
}

TEST_CASE("spread policies pick nothing when no instance is up", "[spread_policy]") {
  for (const auto& name : spread_policy_names()) {
    INFO(name);
    auto policy = make_spread_policy(name);
    REQUIRE(policy);
    CHECK_FALSE(policy->pick({}));
    auto instances = idle(3);
    for (auto& instance : instances)
      instance.up = false;
    CHECK_FALSE(policy->pick(instances));
    // Nothing up did not disturb the rotation.
    instances[1].up = true;
    CHECK(policy->pick(instances) == std::optional<std::size_t>{1});
  }
}

TEST_CASE("least loaded picks the instance with the fewest tasks in flight",
          "[spread_policy]") {
  least_loaded_spread policy;
  std::vector<instance_load> instances{{true, 3}, {true, 1}, {true, 2}};
  CHECK(policy.pick(instances) == std::optional<std::size_t>{1});
  CHECK(policy.pick(instances) == std::optional<std::size_t>{1});
  instances[1].in_flight = 5;
  CHECK(policy.pick(instances) == std::optional<std::size_t>{2});
}

TEST_CASE("least loaded ignores instances that are down, however idle",
          "[spread_policy]") {
  least_loaded_spread policy;
  std::vector<instance_load> instances{{false, 0}, {true, 4}, {true, 2}, {false, 0}};
  CHECK(policy.pick(instances) == std::optional<std::size_t>{2});
  instances[2].up = false;
  CHECK(policy.pick(instances) == std::optional<std::size_t>{1});
}

TEST_CASE("least loaded rotates over equally loaded instances", "[spread_policy]") {
  least_loaded_spread policy;
  CHECK(picks(policy, idle(3), 5) == picks_t{0, 1, 2, 0, 1});
  // Ties among the least loaded only: 1 and 3 share the minimum; the last
  // pick was 1, so 3 comes next, then 1 again.
  std::vector<instance_load> instances{{true, 2}, {true, 0}, {true, 1}, {true, 0}};
  CHECK(picks(policy, instances, 3) == picks_t{3, 1, 3});
}

TEST_CASE("least loaded spreads tasks that stay in flight evenly", "[spread_policy]") {
  least_loaded_spread policy;
  auto instances = idle(3);
  std::vector<std::size_t> order;
  for (int i = 0; i < 6; ++i) {
    auto index = policy.pick(instances);
    REQUIRE(index);
    order.push_back(*index);
    ++instances[*index].in_flight;
  }
  CHECK(order == std::vector<std::size_t>{0, 1, 2, 0, 1, 2});
  instances[1].in_flight = 0; // its tasks answered
  CHECK(policy.pick(instances) == std::optional<std::size_t>{1});
}

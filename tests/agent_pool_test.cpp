// An agent's instances and the spread of its tasks, without actors.

#include "runtime/orchestrator/agent_pool.hpp"
#include "support/test_system.hpp"

#include <caf/event_based_actor.hpp>
#include <catch2/catch.hpp>

using namespace troupe;

namespace {

placement_spec on_nodes(std::vector<std::string> nodes,
                        std::string spread = "round_robin") {
  placement_spec p;
  p.nodes = std::move(nodes);
  p.spread = std::move(spread);
  return p;
}

/// A handle that counts as up; its actor is never sent anything.
agent_actor up_handle(caf::actor_system& sys) {
  return sys.spawn([]() -> agent_actor::behavior_type {
    return {[](const task&) { return agent_result{}; }};
  });
}

} // namespace

TEST_CASE("an agent pool has an instance per node, none up until started",
          "[agent_pool]") {
  agent_pool pool{on_nodes({"10.0.0.5:7101", "10.0.0.6:7101"})};
  REQUIRE(pool.instances().size() == 2);
  CHECK(pool.instances()[1].node == "10.0.0.6:7101");
  CHECK_FALSE(pool.any_up());
  CHECK_FALSE(pool.pick());
  pool.instances()[0].last_error = "cannot reach 10.0.0.5:7101: connection refused";
  CHECK(pool.down_report() ==
        "10.0.0.5:7101: cannot reach 10.0.0.5:7101: connection refused; "
        "10.0.0.6:7101: not started");
}

TEST_CASE("an agent pool spreads tasks over the instances that are up", "[agent_pool]") {
  test::test_system ts;
  agent_pool pool{on_nodes({"a:1", "b:1", "c:1"})};
  pool.instances()[0].handle = up_handle(ts.sys);
  pool.instances()[2].handle = up_handle(ts.sys);
  CHECK(pool.any_up());
  CHECK(pool.pick() == 0u);
  CHECK(pool.pick() == 2u);
  CHECK(pool.pick() == 0u);
  // A local fallback joins the rotation.
  auto local = pool.add_local();
  CHECK(local == 3u);
  CHECK(pool.instances()[local].node.empty());
  pool.instances()[local].handle = up_handle(ts.sys);
  CHECK(pool.pick() == 2u);
  CHECK(pool.pick() == 3u);
  CHECK(pool.down_report() == "b:1: not started");
  for (auto& inst : pool.instances())
    if (inst.handle)
      caf::anon_send_exit(inst.handle, caf::exit_reason::user_shutdown);
}

TEST_CASE("a least-loaded pool sends the next task where the fewest are in flight",
          "[agent_pool]") {
  test::test_system ts;
  agent_pool pool{on_nodes({"a:1", "b:1"}, "least_loaded")};
  for (auto& inst : pool.instances())
    inst.handle = up_handle(ts.sys);
  pool.instances()[0].in_flight = 3;
  pool.instances()[1].in_flight = 1;
  CHECK(pool.pick() == 1u);
  pool.instances()[1].in_flight = 5;
  CHECK(pool.pick() == 0u);
  for (auto& inst : pool.instances())
    caf::anon_send_exit(inst.handle, caf::exit_reason::user_shutdown);
}

#include "runtime/orchestrator/restart_intensity.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
using namespace std::chrono_literals;

TEST_CASE("restart intensity allows max_restarts per window, then refuses") {
  restart_intensity policy{3, 10s};
  restart_intensity::time_point t0{};
  CHECK(policy.allow(t0));
  CHECK(policy.allow(t0 + 1s));
  CHECK(policy.allow(t0 + 2s));
  CHECK(policy.recent() == 3);
  CHECK_FALSE(policy.allow(t0 + 3s));
  SECTION("crashes older than the window no longer count") {
    CHECK(policy.allow(t0 + 10s)); // the one at t0 has left the window
    CHECK_FALSE(policy.allow(t0 + 10500ms));
    CHECK(policy.allow(t0 + 12s));
  }
}

TEST_CASE("restart intensity 0 never restarts") {
  restart_intensity policy{0, 60s};
  CHECK_FALSE(policy.allow(restart_intensity::time_point{}));
}

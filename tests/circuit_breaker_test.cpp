#include "runtime/model/policy/circuit_breaker.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
using std::chrono::milliseconds;

namespace {

using state = circuit_breaker::state;

const auto t0 = std::chrono::steady_clock::time_point{};

circuit_breaker::time_point at(int64_t ms) {
  return t0 + milliseconds{ms};
}

circuit_breaker make_breaker() {
  breaker_spec spec;
  spec.failure_threshold = 3;
  spec.cooldown = milliseconds{1000};
  return circuit_breaker{spec};
}

} // namespace

TEST_CASE("breaker opens after consecutive failures only", "[policy]") {
  auto breaker = make_breaker();
  CHECK(breaker.current(at(0)) == state::closed);
  breaker.record_failure(at(0));
  breaker.record_failure(at(1));
  breaker.record_success(); // breaks the streak
  breaker.record_failure(at(2));
  breaker.record_failure(at(3));
  CHECK(breaker.current(at(3)) == state::closed);
  CHECK(breaker.allow(at(3)));
  breaker.record_failure(at(4));
  CHECK(breaker.current(at(4)) == state::open);
}

TEST_CASE("open breaker skips the target until the cooldown passed", "[policy]") {
  auto breaker = make_breaker();
  for (int i = 0; i < 3; ++i)
    breaker.record_failure(at(100));
  CHECK_FALSE(breaker.allow(at(100)));
  CHECK_FALSE(breaker.allow(at(1099)));
  CHECK(breaker.current(at(1099)) == state::open);
  // A late failure of a request sent before the breaker opened does not
  // extend the cooldown.
  breaker.record_failure(at(600));
  CHECK(breaker.current(at(1100)) == state::half_open);
}

TEST_CASE("half-open breaker lets exactly one probe through", "[policy]") {
  auto breaker = make_breaker();
  for (int i = 0; i < 3; ++i)
    breaker.record_failure(at(0));
  CHECK(breaker.allow(at(1000)));
  CHECK_FALSE(breaker.allow(at(1000)));
  CHECK_FALSE(breaker.allow(at(5000)));
  CHECK(breaker.current(at(5000)) == state::half_open);

  SECTION("probe success closes") {
    breaker.record_success();
    CHECK(breaker.current(at(5000)) == state::closed);
    CHECK(breaker.allow(at(5000)));
    CHECK(breaker.allow(at(5000)));
    // The count starts over.
    breaker.record_failure(at(5001));
    breaker.record_failure(at(5002));
    CHECK(breaker.current(at(5002)) == state::closed);
  }

  SECTION("probe failure re-opens with a fresh cooldown") {
    breaker.record_failure(at(5000));
    CHECK(breaker.current(at(5000)) == state::open);
    CHECK_FALSE(breaker.allow(at(5999)));
    CHECK(breaker.allow(at(6000)));
    CHECK_FALSE(breaker.allow(at(6000)));
  }
}

TEST_CASE("breaker states have names", "[policy]") {
  CHECK(to_string(state::closed) == "closed");
  CHECK(to_string(state::open) == "open");
  CHECK(to_string(state::half_open) == "half_open");
}

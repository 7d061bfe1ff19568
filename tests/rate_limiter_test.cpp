#include "runtime/model/policy/rate_limiter.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
using std::chrono::milliseconds;

namespace {

const auto t0 = std::chrono::steady_clock::time_point{};

rate_limiter::time_point at(int64_t ms) {
  return t0 + milliseconds{ms};
}

} // namespace

TEST_CASE("rate limiter waits for the requests-per-minute bucket", "[policy]") {
  rate_limiter limiter{60, 0, t0}; // one request a second
  for (int i = 0; i < 60; ++i) {
    REQUIRE(limiter.wait_time(t0, 0) == milliseconds{0});
    limiter.take(t0, 0);
  }
  CHECK(limiter.wait_time(t0, 0) == milliseconds{1000});
  CHECK(limiter.wait_time(at(250), 0) == milliseconds{750});
  CHECK(limiter.wait_time(at(1000), 0) == milliseconds{0});
  limiter.take(at(1000), 0);
  CHECK(limiter.wait_time(at(1000), 0) == milliseconds{1000});
}

TEST_CASE("rate limiter waits for the tokens-per-minute bucket", "[policy]") {
  rate_limiter limiter{0, 1000, t0};
  CHECK(limiter.wait_time(t0, 1000) == milliseconds{0});
  limiter.take(t0, 800);
  CHECK(limiter.wait_time(t0, 200) == milliseconds{0});
  // 100 tokens short at 1000 tokens a minute: six seconds.
  CHECK(limiter.wait_time(t0, 300) == milliseconds{6000});
  // Three seconds refill 50 tokens.
  CHECK(limiter.wait_time(at(3000), 300) == milliseconds{3000});
  CHECK(limiter.wait_time(at(6000), 300) == milliseconds{0});
}

TEST_CASE("rate limiter waits until both buckets hold enough", "[policy]") {
  rate_limiter limiter{2, 6000, t0};
  limiter.take(t0, 5000);
  // Requests: one left. Tokens: 1000 left, 2000 wanted, 100 a second.
  CHECK(limiter.wait_time(t0, 2000) == milliseconds{10000});
  limiter.take(t0, 0);
  // Requests: none left, one every 30 s; the tokens refill sooner.
  CHECK(limiter.wait_time(t0, 2000) == milliseconds{30000});
}

TEST_CASE("rate limiter refills continuously up to the capacity", "[policy]") {
  rate_limiter limiter{60, 0, t0};
  limiter.take(t0, 0);
  // An idle hour leaves a full bucket, not a larger one.
  auto later = at(3'600'000);
  for (int i = 0; i < 60; ++i) {
    REQUIRE(limiter.wait_time(later, 0) == milliseconds{0});
    limiter.take(later, 0);
  }
  CHECK(limiter.wait_time(later, 0) == milliseconds{1000});
}

TEST_CASE("rate limiter lets a request above the capacity through on a full bucket",
          "[policy]") {
  rate_limiter limiter{0, 1000, t0};
  CHECK(limiter.wait_time(t0, 5000) == milliseconds{0});
  limiter.take(t0, 200);
  // It waits for a full bucket, not forever.
  CHECK(limiter.wait_time(t0, 5000) == milliseconds{12000});
}

TEST_CASE("rate limiter is blocked until the provider's reset", "[policy]") {
  rate_limiter limiter{600, 0, t0};
  limiter.observe(at(100), 0, std::nullopt, milliseconds{5000});
  CHECK(limiter.wait_time(at(100), 0) == milliseconds{5000});
  CHECK(limiter.wait_time(at(4000), 0) == milliseconds{1100});
  CHECK(limiter.wait_time(at(5100), 0) == milliseconds{0});
}

TEST_CASE("rate limiter honours provider limits without limits of its own", "[policy]") {
  rate_limiter limiter{0, 0, t0};
  CHECK(limiter.wait_time(t0, 100) == milliseconds{0});
  limiter.observe(t0, std::nullopt, 0, milliseconds{2000});
  CHECK(limiter.wait_time(t0, 100) == milliseconds{2000});
  CHECK(limiter.wait_time(at(2000), 100) == milliseconds{0});
}

TEST_CASE("rate limiter keeps to what the provider says remains", "[policy]") {
  SECTION("without a reset the level is lowered and refills") {
    rate_limiter limiter{60, 0, t0};
    limiter.observe(t0, 2, std::nullopt, std::nullopt);
    limiter.take(t0, 0);
    limiter.take(t0, 0);
    CHECK(limiter.wait_time(t0, 0) == milliseconds{1000});
  }
  SECTION("with a reset the remainder is a cap until then") {
    rate_limiter limiter{600, 0, t0}; // ten a second of our own
    limiter.observe(t0, 1, std::nullopt, milliseconds{10000});
    CHECK(limiter.wait_time(t0, 0) == milliseconds{0});
    limiter.take(t0, 0);
    CHECK(limiter.wait_time(at(5000), 0) == milliseconds{5000});
    CHECK(limiter.wait_time(at(10000), 0) == milliseconds{0});
  }
  SECTION("a remainder above our level changes nothing") {
    rate_limiter limiter{60, 0, t0};
    limiter.take(t0, 0);
    limiter.observe(t0, 500, std::nullopt, std::nullopt);
    for (int i = 0; i < 59; ++i)
      limiter.take(t0, 0);
    CHECK(limiter.wait_time(t0, 0) == milliseconds{1000});
  }
}

#include "runtime/model/policy/retry_policy.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
using std::chrono::milliseconds;

namespace {

retry_spec spec(int max_retries, milliseconds base, milliseconds max) {
  retry_spec result;
  result.max_retries = max_retries;
  result.base_delay = base;
  result.max_delay = max;
  return result;
}

} // namespace

TEST_CASE("retry backoff stays below a cap that doubles up to max_delay", "[policy]") {
  retry_policy policy{spec(10, milliseconds{100}, milliseconds{1000})};
  random_source rng{42};
  const std::vector<milliseconds> caps{milliseconds{100},  milliseconds{200},
                                       milliseconds{400},  milliseconds{800},
                                       milliseconds{1000}, milliseconds{1000}};
  for (int retries = 0; retries < static_cast<int>(caps.size()); ++retries) {
    INFO("retries done: " << retries);
    milliseconds low = caps[retries];
    milliseconds high{0};
    for (int i = 0; i < 2000; ++i) {
      auto delay = policy.next_delay(retries, attempt_outcome::server_error, {}, rng);
      REQUIRE(delay);
      low = std::min(low, *delay);
      high = std::max(high, *delay);
    }
    CHECK(low >= milliseconds{0});
    CHECK(low < caps[retries] / 20);
    CHECK(high < caps[retries]);
    CHECK(high >= caps[retries] * 95 / 100);
  }
}

TEST_CASE("retry backoff saturates without overflow at a large retry count", "[policy]") {
  retry_policy policy{spec(1000, milliseconds{250}, milliseconds{8000})};
  random_source rng{7};
  for (int i = 0; i < 100; ++i) {
    auto delay = policy.next_delay(900, attempt_outcome::timeout, {}, rng);
    REQUIRE(delay);
    CHECK(*delay >= milliseconds{0});
    CHECK(*delay < milliseconds{8000});
  }
}

TEST_CASE("retry honours a Retry-After up to max_delay and refuses longer ones",
          "[policy]") {
  retry_policy policy{spec(3, milliseconds{100}, milliseconds{5000})};
  random_source rng{1};
  // The jitter of the first retry is below 100 ms: Retry-After wins.
  CHECK(policy.next_delay(0, attempt_outcome::rate_limited, milliseconds{700}, rng) ==
        milliseconds{700});
  CHECK(policy.next_delay(0, attempt_outcome::rate_limited, milliseconds{5000}, rng) ==
        milliseconds{5000});
  // A short Retry-After is a floor, not a replacement of the backoff.
  for (int i = 0; i < 200; ++i) {
    auto delay =
        policy.next_delay(2, attempt_outcome::rate_limited, milliseconds{1}, rng);
    REQUIRE(delay);
    CHECK(*delay >= milliseconds{1});
    CHECK(*delay < milliseconds{400});
  }
  CHECK_FALSE(
      policy.next_delay(0, attempt_outcome::rate_limited, milliseconds{5001}, rng));
}

TEST_CASE("retry stops when the retries are used up", "[policy]") {
  retry_policy policy{spec(2, milliseconds{100}, milliseconds{1000})};
  random_source rng{3};
  CHECK(policy.next_delay(0, attempt_outcome::connection_failed, {}, rng));
  CHECK(policy.next_delay(1, attempt_outcome::connection_failed, {}, rng));
  CHECK_FALSE(policy.next_delay(2, attempt_outcome::connection_failed, {}, rng));
  CHECK_FALSE(policy.next_delay(3, attempt_outcome::connection_failed, {}, rng));

  retry_policy never{spec(0, milliseconds{100}, milliseconds{1000})};
  CHECK_FALSE(never.next_delay(0, attempt_outcome::server_error, {}, rng));
}

TEST_CASE("retry never repeats an outcome that is not retryable", "[policy]") {
  retry_policy policy{spec(5, milliseconds{100}, milliseconds{1000})};
  random_source rng{4};
  for (auto outcome : {attempt_outcome::ok, attempt_outcome::context_length,
                       attempt_outcome::auth_failed, attempt_outcome::bad_request,
                       attempt_outcome::refused}) {
    INFO(to_string(outcome));
    CHECK_FALSE(policy.next_delay(0, outcome, {}, rng));
    CHECK_FALSE(policy.next_delay(0, outcome, milliseconds{10}, rng));
  }
  for (auto outcome : {attempt_outcome::rate_limited, attempt_outcome::server_error,
                       attempt_outcome::timeout, attempt_outcome::connection_failed,
                       attempt_outcome::malformed}) {
    INFO(to_string(outcome));
    CHECK(policy.next_delay(0, outcome, {}, rng));
  }
}

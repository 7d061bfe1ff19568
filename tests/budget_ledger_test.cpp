#include "runtime/model/budget/budget_ledger.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <random>

using namespace troupe;

namespace {

budget_limit usd_cap(double usd) {
  budget_limit limit;
  limit.usd = usd;
  return limit;
}

budget_amount usd(double amount, int64_t tokens = 0) {
  return {amount, tokens, 1};
}

budget_ledger::reservation_id
granted(const std::variant<budget_ledger::reservation_id, budget_refusal>& result) {
  if (const auto* refusal = std::get_if<budget_refusal>(&result))
    FAIL("refused: " << refusal->message());
  return std::get<budget_ledger::reservation_id>(result);
}

budget_refusal
refused(const std::variant<budget_ledger::reservation_id, budget_refusal>& result) {
  REQUIRE(std::holds_alternative<budget_refusal>(result));
  return std::get<budget_refusal>(result);
}

} // namespace

TEST_CASE("a reservation holds the worst case until it is settled", "[budget]") {
  budget_ledger ledger;
  ledger.set_limit("run:r1", usd_cap(1.0));
  auto id = granted(ledger.reserve({"run:r1", "process"}, usd(0.30, 5000)));
  CHECK(ledger.reserved("run:r1").usd == Approx(0.30));
  CHECK(ledger.reserved("run:r1").tokens == 5000);
  CHECK(ledger.reserved("run:r1").calls == 1);
  CHECK(ledger.reserved("process").usd == Approx(0.30)); // no cap: accounts only
  CHECK(*ledger.usd_left("run:r1") == Approx(0.70));
  CHECK_FALSE(ledger.usd_left("process"));

  ledger.settle(id, usd(0.12, 1800));
  for (const char* scope : {"run:r1", "process"}) {
    CHECK(ledger.spent(scope).usd == Approx(0.12));
    CHECK(ledger.spent(scope).tokens == 1800);
    CHECK(ledger.spent(scope).calls == 1);
    CHECK(ledger.reserved(scope).usd == 0);
    CHECK(ledger.reserved(scope).tokens == 0);
    CHECK(ledger.reserved(scope).calls == 0);
  }
  CHECK(*ledger.usd_left("run:r1") == Approx(0.88));
}

TEST_CASE("a reservation is all or nothing over its scopes", "[budget]") {
  budget_ledger ledger;
  ledger.set_limit("run:r1", usd_cap(1.0));
  ledger.set_limit("provider:openai", usd_cap(0.10));
  auto refusal = refused(ledger.reserve({"run:r1", "provider:openai"}, usd(0.20)));
  CHECK(refusal.scope == "provider:openai");
  CHECK(refusal.measure == "usd");
  CHECK(ledger.reserved("run:r1").usd == 0);
  CHECK(ledger.reserved("run:r1").calls == 0);
  CHECK(ledger.reserved("provider:openai").usd == 0);
}

TEST_CASE("a refusal names the first scope and measure over its cap", "[budget]") {
  budget_ledger ledger;
  budget_limit tokens;
  tokens.tokens = 10000;
  ledger.set_limit("run:r1", usd_cap(0.50));
  ledger.set_limit("agent:r1/summarize", tokens);
  auto first = granted(ledger.reserve({"run:r1"}, usd(0.40)));
  ledger.settle(first, usd(0.40));
  granted(ledger.reserve({"run:r1"}, usd(0.01))); // stays in flight

  auto refusal =
      refused(ledger.reserve({"agent:r1/summarize", "run:r1"}, usd(0.20, 500)));
  CHECK(refusal.scope == "run:r1");
  CHECK(refusal.measure == "usd");
  CHECK(refusal.cap == Approx(0.50));
  CHECK(refusal.spent == Approx(0.40));
  CHECK(refusal.reserved == Approx(0.01));
  CHECK(refusal.asked == Approx(0.20));
  CHECK(refusal.message() ==
        "budget_exceeded: run 'r1' usd cap $0.50: spent $0.40, in flight $0.01, this "
        "call needs up to $0.20; to allow more, raise budget.run.usd (or --max-usd)");

  auto by_tokens = refused(ledger.reserve({"agent:r1/summarize"}, usd(0, 10001)));
  CHECK(by_tokens.scope == "agent:r1/summarize");
  CHECK(by_tokens.measure == "tokens");
  CHECK(by_tokens.message() ==
        "budget_exceeded: agent 'r1/summarize' tokens cap 10000: spent 0, in flight 0, "
        "this call needs up to 10001; to allow more, raise "
        "budget.agents.summarize.tokens");
}

TEST_CASE("refusal messages show fractions of a cent and name where caps are set",
          "[budget]") {
  budget_refusal provider{"provider:openai", "usd", 0.5, 0.4999, 0.00015, 0.0003};
  CHECK(provider.message() ==
        "budget_exceeded: provider 'openai' usd cap $0.50: spent $0.4999, in flight "
        "$0.00015, this call needs up to $0.0003; to allow more, raise "
        "budget.providers.openai.usd");
  budget_refusal process{"process", "calls", 100, 99, 1, 1};
  CHECK(process.message() == "budget_exceeded: process calls cap 100: spent 99, in "
                             "flight 1, this call needs up to 1; to allow more, raise "
                             "the process calls cap");
}

TEST_CASE("settle charges at most the reservation and keeps the rest as overrun",
          "[budget]") {
  budget_ledger ledger;
  ledger.set_limit("run:r1", usd_cap(0.10));
  auto id = granted(ledger.reserve({"run:r1", "agent:r1/a"}, usd(0.10, 1000)));
  ledger.settle(id, {0.25, 1500, 1});
  for (const char* scope : {"run:r1", "agent:r1/a"}) {
    CHECK(ledger.spent(scope).usd == Approx(0.10));
    CHECK(ledger.spent(scope).tokens == 1000);
    CHECK(ledger.overrun(scope).usd == Approx(0.15));
    CHECK(ledger.overrun(scope).tokens == 500);
    CHECK(ledger.overrun(scope).calls == 0);
  }
  CHECK(*ledger.usd_left("run:r1") == 0);
  CHECK(ledger.overrun("provider:unused").usd == 0);
}

TEST_CASE("release gives the whole reservation back", "[budget]") {
  budget_ledger ledger;
  ledger.set_limit("run:r1", usd_cap(0.10));
  auto id = granted(ledger.reserve({"run:r1"}, usd(0.10, 700)));
  refused(ledger.reserve({"run:r1"}, usd(0.01)));
  ledger.release(id);
  CHECK(ledger.reserved("run:r1").usd == 0);
  CHECK(ledger.reserved("run:r1").tokens == 0);
  CHECK(ledger.reserved("run:r1").calls == 0);
  CHECK(ledger.spent("run:r1").calls == 0);
  granted(ledger.reserve({"run:r1"}, usd(0.10)));
}

TEST_CASE("unknown or finished reservations are ignored", "[budget]") {
  budget_ledger ledger;
  auto id = granted(ledger.reserve({"run:r1"}, usd(0.05)));
  ledger.settle(id, usd(0.05));
  ledger.settle(id, usd(0.05));
  ledger.release(id);
  ledger.settle(9999, usd(1.0));
  ledger.release(9999);
  CHECK(ledger.spent("run:r1").usd == Approx(0.05));
  CHECK(ledger.spent("run:r1").calls == 1);
  CHECK(ledger.reserved("run:r1").usd == 0);
}

TEST_CASE("a reservation is one call, and calls are capped", "[budget]") {
  budget_ledger ledger;
  budget_limit two;
  two.calls = 2;
  ledger.set_limit("provider:openai", two);
  auto a = granted(ledger.reserve({"provider:openai"}, {0, 0, 7}));
  auto b = granted(ledger.reserve({"provider:openai"}, {0, 0, 0}));
  auto refusal = refused(ledger.reserve({"provider:openai"}, {}));
  CHECK(refusal.measure == "calls");
  CHECK(refusal.asked == 1);
  ledger.settle(a, {});
  ledger.release(b);
  CHECK(ledger.spent("provider:openai").calls == 1); // settled: the call was sent
  granted(ledger.reserve({"provider:openai"}, {}));
  refused(ledger.reserve({"provider:openai"}, {}));
}

TEST_CASE("a scope named twice in one reservation is held once", "[budget]") {
  budget_ledger ledger;
  ledger.set_limit("run:r1", usd_cap(0.10));
  auto id = granted(ledger.reserve({"run:r1", "run:r1"}, usd(0.06)));
  CHECK(ledger.reserved("run:r1").usd == Approx(0.06));
  ledger.settle(id, usd(0.06));
  CHECK(ledger.spent("run:r1").usd == Approx(0.06));
  CHECK(ledger.spent("run:r1").calls == 1);
}

namespace {

/// The property test's own books, in whole micro-dollars so that they are
/// exact and independent of how the ledger counts.
struct model_books {
  int64_t spent_micro = 0;
  int64_t reserved_micro = 0;
  int64_t spent_tokens = 0;
  int64_t reserved_tokens = 0;
  int64_t spent_calls = 0;
  int64_t reserved_calls = 0;
  int64_t settled_micro = 0; // sum of the actuals given to settle
};

struct open_call {
  budget_ledger::reservation_id id;
  std::vector<std::string> scopes;
  int64_t micro;
  int64_t tokens;
};

constexpr double micro = 1e-6;

/// The refusal a ledger must give, computed from the model's books.
std::optional<std::pair<std::string, std::string>>
expected_refusal(const std::vector<std::string>& scopes,
                 const std::map<std::string, budget_limit>& caps,
                 std::map<std::string, model_books>& books, int64_t micro_usd,
                 int64_t tokens) {
  for (const auto& scope : scopes) {
    auto cap = caps.find(scope);
    if (cap == caps.end())
      continue;
    const auto& b = books[scope];
    const auto& limit = cap->second;
    if (limit.usd &&
        b.spent_micro + b.reserved_micro + micro_usd > std::llround(*limit.usd / micro))
      return std::make_pair(scope, std::string{"usd"});
    if (limit.tokens && b.spent_tokens + b.reserved_tokens + tokens > *limit.tokens)
      return std::make_pair(scope, std::string{"tokens"});
    if (limit.calls && b.spent_calls + b.reserved_calls + 1 > *limit.calls)
      return std::make_pair(scope, std::string{"calls"});
  }
  return std::nullopt;
}

void check_caps_hold(const budget_ledger& ledger,
                     const std::map<std::string, budget_limit>& caps) {
  for (const auto& [scope, limit] : caps) {
    auto spent = ledger.spent(scope);
    auto held = ledger.reserved(scope);
    if (limit.usd)
      REQUIRE(spent.usd + held.usd <= *limit.usd + 1e-9);
    if (limit.tokens)
      REQUIRE(spent.tokens + held.tokens <= *limit.tokens);
    if (limit.calls)
      REQUIRE(spent.calls + held.calls <= *limit.calls);
  }
}

} // namespace

TEST_CASE("random reservations, settles and releases never pass a cap", "[budget]") {
  std::mt19937_64 rng{20261123};
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>{lo, hi}(rng);
  };
  std::map<std::string, budget_limit> caps;
  caps["run:r1"].usd = 3.7;
  caps["run:r1"].tokens = 400000;
  caps["agent:r1/a"].usd = 1.5;
  caps["agent:r1/b"].tokens = 100000;
  caps["provider:openai"].usd = 2.25;
  caps["provider:openai"].calls = 110;
  caps["process"].usd = 3.5;
  caps["process"].calls = 300;
  budget_ledger ledger;
  for (const auto& [scope, limit] : caps)
    ledger.set_limit(scope, limit);
  const std::vector<std::string> agents{"agent:r1/a", "agent:r1/b", "agent:r1/c"};
  const std::vector<std::string> providers{"provider:openai", "provider:anthropic"};
  const std::vector<std::string> all{
      "run:r1",          "agent:r1/a",         "agent:r1/b", "agent:r1/c",
      "provider:openai", "provider:anthropic", "process"};

  std::map<std::string, model_books> books;
  std::vector<open_call> open;
  std::map<std::string, int> refusals; // by measure
  int settles = 0;
  int releases = 0;
  for (int reservations = 0; reservations < 500;) {
    auto action = pick(0, 9);
    if (action < 5 || open.empty()) {
      ++reservations;
      std::vector<std::string> scopes{"run:r1", agents[static_cast<size_t>(pick(0, 2))],
                                      providers[static_cast<size_t>(pick(0, 1))],
                                      "process"};
      auto micro_usd = pick(0, 60000); // up to 6 cents
      auto tokens = pick(100, 6000);
      auto expected = expected_refusal(scopes, caps, books, micro_usd, tokens);
      auto result =
          ledger.reserve(scopes, {static_cast<double>(micro_usd) * micro, tokens, 1});
      if (expected) {
        auto refusal = refused(result);
        ++refusals[refusal.measure];
        CHECK(refusal.scope == expected->first);
        CHECK(refusal.measure == expected->second);
      } else {
        auto id = granted(result);
        for (const auto& scope : scopes) {
          books[scope].reserved_micro += micro_usd;
          books[scope].reserved_tokens += tokens;
          books[scope].reserved_calls += 1;
        }
        open.push_back({id, scopes, micro_usd, tokens});
      }
    } else {
      auto at = static_cast<size_t>(pick(0, static_cast<int64_t>(open.size()) - 1));
      auto call = open[at];
      open.erase(open.begin() + static_cast<long>(at));
      bool settle = action < 8;
      auto actual_micro = settle ? pick(0, call.micro) : 0;
      auto actual_tokens = settle ? pick(0, call.tokens) : 0;
      if (settle) {
        ledger.settle(call.id,
                      {static_cast<double>(actual_micro) * micro, actual_tokens, 1});
        ++settles;
      } else {
        ledger.release(call.id);
        ++releases;
      }
      for (const auto& scope : call.scopes) {
        auto& b = books[scope];
        b.reserved_micro -= call.micro;
        b.reserved_tokens -= call.tokens;
        b.reserved_calls -= 1;
        if (settle) {
          b.spent_micro += actual_micro;
          b.settled_micro += actual_micro;
          b.spent_tokens += actual_tokens;
          b.spent_calls += 1;
        }
      }
    }
    check_caps_hold(ledger, caps);
  }
  for (const auto& call : open)
    ledger.release(call.id);

  INFO("refusals by usd " << refusals["usd"] << ", tokens " << refusals["tokens"]
                          << ", calls " << refusals["calls"] << "; settles " << settles
                          << ", releases " << releases);
  CHECK(refusals["usd"] > 5);
  CHECK(refusals["tokens"] > 5);
  CHECK(refusals["calls"] > 5);
  CHECK(settles > 50);
  CHECK(releases > 10);
  for (const auto& scope : all) {
    INFO(scope);
    const auto& b = books[scope];
    auto spent = ledger.spent(scope);
    CHECK(std::llround(spent.usd * 100) ==
          std::llround(static_cast<double>(b.settled_micro) * micro * 100));
    CHECK(spent.usd == Approx(static_cast<double>(b.spent_micro) * micro).margin(1e-9));
    CHECK(spent.tokens == b.spent_tokens);
    CHECK(spent.calls == b.spent_calls);
    CHECK(ledger.reserved(scope).usd == 0);
    CHECK(ledger.reserved(scope).tokens == 0);
    CHECK(ledger.reserved(scope).calls == 0);
    CHECK(ledger.overrun(scope).usd == 0);
  }
}

#include "runtime/model/budget/budget_guard.hpp"
#include "support/test_system.hpp"

#include <algorithm>
#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace troupe;

namespace {

budget_decision reserve(caf::scoped_actor& self, const budget_guard_actor& guard,
                        budget_reserve ask) {
  budget_decision decision;
  // No Catch macro here: callers run on several threads.
  self->request(guard, caf::infinite, std::move(ask))
      .receive(
          [&](budget_decision& answer) { decision = std::move(answer); },
          [&](caf::error& err) { decision.refusal = "no answer: " + to_string(err); });
  return decision;
}

budget_status query(caf::scoped_actor& self, const budget_guard_actor& guard,
                    const std::string& scope) {
  budget_status books;
  self->request(guard, caf::infinite, budget_query{scope})
      .receive([&](budget_status& answer) { books = std::move(answer); },
               [](caf::error& err) { FAIL("query failed: " << to_string(err)); });
  return books;
}

budget_reserve ask_usd(double usd, std::vector<std::string> scopes = {"run:r1"}) {
  return {std::move(scopes), usd, 100, 1};
}

} // namespace

TEST_CASE("a budget guard refuses past a registered cap and names the scope",
          "[budget_guard]") {
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  auto guard = ts.sys.spawn(budget_guard);
  self->send(guard, budget_caps{{{"run:r1", "usd", 0.05}, {"agent:r1/sum", "calls", 2}}});
  auto first = reserve(self, guard, ask_usd(0.03, {"run:r1", "agent:r1/sum"}));
  CHECK(first.granted);
  CHECK(first.reservation != 0);
  CHECK(first.refusal.empty());
  auto over = reserve(self, guard, ask_usd(0.03, {"run:r1", "agent:r1/sum"}));
  CHECK_FALSE(over.granted);
  CHECK(over.scope == "run:r1");
  CHECK_THAT(over.refusal, Catch::StartsWith("budget_exceeded: run 'r1' usd cap $0.05"));
  CHECK_THAT(over.refusal, Catch::Contains("budget.run.usd"));
  CHECK(reserve(self, guard, ask_usd(0.01, {"run:r1", "agent:r1/sum"})).granted);
  auto third_call = reserve(self, guard, ask_usd(0.001, {"run:r1", "agent:r1/sum"}));
  CHECK_FALSE(third_call.granted);
  CHECK(third_call.scope == "agent:r1/sum");
  CHECK_THAT(third_call.refusal, Catch::Contains("budget.agents.sum.calls"));
}

TEST_CASE("caps of one scope merge measure by measure", "[budget_guard]") {
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  auto guard = ts.sys.spawn(budget_guard);
  self->send(guard, budget_caps{{{"run:r1", "usd", 1.0}}});
  self->send(guard, budget_caps{{{"run:r1", "tokens", 150}}});
  CHECK(query(self, guard, "run:r1").cap_usd == Approx(1.0));
  CHECK(reserve(self, guard, ask_usd(0.01)).granted);
  auto tokens = reserve(self, guard, ask_usd(0.01));
  CHECK_FALSE(tokens.granted);
  CHECK_THAT(tokens.refusal, Catch::Contains("tokens cap 150"));
  self->send(guard, budget_caps{{{"run:r1", "usd", 0.5}}});
  auto usd = reserve(self, guard, budget_reserve{{"run:r1"}, 0.5, 0, 1});
  CHECK_FALSE(usd.granted);
  CHECK_THAT(usd.refusal, Catch::Contains("usd cap $0.50"));
  auto kept = reserve(self, guard, budget_reserve{{"run:r1"}, 0, 100, 1});
  CHECK_FALSE(kept.granted);
  CHECK_THAT(kept.refusal, Catch::Contains("tokens cap 150"));
}

TEST_CASE("300 concurrent reservations never pass the cap", "[budget_guard]") {
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  auto guard = ts.sys.spawn(budget_guard);
  self->send(guard, budget_caps{{{"run:r1", "usd", 1.0}}});
  REQUIRE(query(self, guard, "run:r1").cap_usd == Approx(1.0)); // caps applied
  constexpr int callers = 20;
  constexpr int calls_each = 15;
  constexpr double worst_case = 0.011;
  std::mutex mutex;
  std::vector<uint64_t> reservations;
  std::vector<std::string> refusals;
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i)
    threads.emplace_back([&] {
      caf::scoped_actor caller{ts.sys};
      for (int call = 0; call < calls_each; ++call) {
        auto decision = reserve(caller, guard, ask_usd(worst_case));
        std::lock_guard<std::mutex> lock{mutex};
        if (decision.granted)
          reservations.push_back(decision.reservation);
        else
          refusals.push_back(decision.refusal);
      }
    });
  for (auto& thread : threads)
    thread.join();
  auto granted = static_cast<double>(reservations.size());
  CHECK(reservations.size() == 90); // floor(1.0 / 0.011)
  CHECK(granted * worst_case <= 1.0);
  CHECK(refusals.size() == callers * calls_each - reservations.size());
  CHECK(std::all_of(refusals.begin(), refusals.end(), [](const std::string& refusal) {
    return refusal.rfind("budget_exceeded: run 'r1' usd cap", 0) == 0;
  }));
  std::sort(reservations.begin(), reservations.end());
  CHECK(std::adjacent_find(reservations.begin(), reservations.end()) ==
        reservations.end());
  auto books = query(self, guard, "run:r1");
  CHECK(books.reserved_usd == Approx(granted * worst_case));
  CHECK(books.reserved_usd <= 1.0);
}

TEST_CASE("settling charges the usage and releases the rest", "[budget_guard]") {
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  auto guard = ts.sys.spawn(budget_guard);
  self->send(guard, budget_caps{{{"run:r1", "usd", 0.10}}});
  auto held = reserve(self, guard, ask_usd(0.08));
  REQUIRE(held.granted);
  CHECK(query(self, guard, "run:r1").reserved_usd == Approx(0.08));
  CHECK_FALSE(reserve(self, guard, ask_usd(0.05)).granted);
  self->send(guard, budget_settle{held.reservation, 0.02, 40, 1});
  auto books = query(self, guard, "run:r1");
  CHECK(books.spent_usd == Approx(0.02));
  CHECK(books.spent_tokens == 40);
  CHECK(books.spent_calls == 1);
  CHECK(books.reserved_usd == 0.0);
  CHECK(reserve(self, guard, ask_usd(0.05)).granted);
}

TEST_CASE("an all-zero settle releases the reservation uncharged", "[budget_guard]") {
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  auto guard = ts.sys.spawn(budget_guard);
  self->send(guard, budget_caps{{{"run:r1", "calls", 1}}});
  auto held = reserve(self, guard, ask_usd(0.08));
  REQUIRE(held.granted);
  CHECK_FALSE(reserve(self, guard, ask_usd(0.01)).granted);
  self->send(guard, budget_settle{held.reservation, 0, 0, 0});
  auto books = query(self, guard, "run:r1");
  CHECK(books.spent_usd == 0.0);
  CHECK(books.spent_calls == 0);
  CHECK(books.reserved_usd == 0.0);
  CHECK(reserve(self, guard, ask_usd(0.01)).granted);
}

TEST_CASE("a budget query reports the books of one scope", "[budget_guard]") {
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  auto guard = ts.sys.spawn(budget_guard);
  auto unknown = query(self, guard, "provider:openai");
  CHECK(unknown.scope == "provider:openai");
  CHECK(unknown.spent_usd == 0.0);
  CHECK(unknown.cap_usd == -1.0);
  // A scope without caps keeps accounts all the same.
  auto held = reserve(self, guard, ask_usd(0.5, {"provider:openai", "run:r1"}));
  REQUIRE(held.granted);
  self->send(guard, budget_caps{{{"run:r1", "usd", 2.5}}});
  auto second = reserve(self, guard, ask_usd(0.25, {"run:r1"}));
  REQUIRE(second.granted);
  self->send(guard, budget_settle{held.reservation, 0.125, 80, 1});
  auto provider = query(self, guard, "provider:openai");
  CHECK(provider.spent_usd == Approx(0.125));
  CHECK(provider.spent_tokens == 80);
  CHECK(provider.spent_calls == 1);
  CHECK(provider.reserved_usd == 0.0);
  CHECK(provider.cap_usd == -1.0);
  auto run = query(self, guard, "run:r1");
  CHECK(run.scope == "run:r1");
  CHECK(run.spent_usd == Approx(0.125));
  CHECK(run.reserved_usd == Approx(0.25));
  CHECK(run.cap_usd == Approx(2.5));
}

#include "runtime/model/budget/budget_guard.hpp"

#include <cmath>
#include <variant>

namespace troupe {

namespace {

budget_decision decide(budget_ledger& ledger, const budget_reserve& ask) {
  auto outcome = ledger.reserve(ask.scopes, {ask.usd, ask.tokens, ask.calls});
  budget_decision decision;
  if (auto* id = std::get_if<budget_ledger::reservation_id>(&outcome)) {
    decision.granted = true;
    decision.reservation = *id;
    return decision;
  }
  const auto& refusal = std::get<budget_refusal>(outcome);
  decision.scope = refusal.scope;
  decision.refusal = refusal.message();
  return decision;
}

void settle(budget_ledger& ledger, const budget_settle& used) {
  // All zeros means the call was not made or failed before any usage.
  if (used.usd == 0 && used.tokens == 0 && used.calls == 0)
    ledger.release(used.reservation);
  else
    ledger.settle(used.reservation, {used.usd, used.tokens, used.calls});
}

/// Sets one measure of a scope's limit, keeping its other caps.
void apply(budget_ledger& ledger, const budget_cap& cap) {
  auto limit = ledger.limit(cap.scope).value_or(budget_limit{});
  if (cap.measure == "usd")
    limit.usd = cap.value;
  else if (cap.measure == "tokens")
    limit.tokens = std::llround(cap.value);
  else if (cap.measure == "calls")
    limit.calls = std::llround(cap.value);
  else
    return; // the readers only produce the three measures
  ledger.set_limit(cap.scope, limit);
}

budget_status status(const budget_ledger& ledger, const std::string& scope) {
  auto spent = ledger.spent(scope);
  auto limit = ledger.limit(scope);
  budget_status books;
  books.scope = scope;
  books.spent_usd = spent.usd;
  books.spent_tokens = spent.tokens;
  books.spent_calls = spent.calls;
  books.reserved_usd = ledger.reserved(scope).usd;
  books.cap_usd = limit && limit->usd ? *limit->usd : -1.0;
  return books;
}

} // namespace

budget_guard_actor::behavior_type
budget_guard(budget_guard_actor::stateful_pointer<budget_guard_state> self) {
  return {
      [self](const budget_reserve& ask) { return decide(self->state.ledger, ask); },
      [self](const budget_settle& used) { settle(self->state.ledger, used); },
      [self](const budget_caps& caps) {
        for (const auto& cap : caps.caps)
          apply(self->state.ledger, cap);
      },
      [self](const budget_query& query) {
        return status(self->state.ledger, query.scope);
      },
  };
}

} // namespace troupe

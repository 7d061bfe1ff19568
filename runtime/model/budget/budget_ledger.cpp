#include "runtime/model/budget/budget_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace troupe {

namespace {

constexpr double nano_per_usd = 1e9;
// A billion dollars, as budget_reader's largest cap: any amount beyond it is
// a mistake, and clamping keeps the conversion to nano-dollars defined.
constexpr double most_usd = 1e9;
constexpr int64_t most_units = std::numeric_limits<int64_t>::max();

int64_t to_nano(double usd) {
  if (!(usd > 0)) // also NaN
    return 0;
  return std::llround(std::min(usd, most_usd) * nano_per_usd);
}

double to_usd(int64_t nano) {
  return static_cast<double>(nano) / nano_per_usd;
}

/// Saturates instead of overflowing: uncapped scopes only keep accounts, and
/// an absurd total there must not wrap into a small one.
int64_t plus(int64_t a, int64_t b) {
  int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? most_units : sum;
}

int64_t minus(int64_t a, int64_t b) {
  return a > b ? a - b : 0;
}

// Per-measure arithmetic on the ledger's private `units`, which templates
// may handle without naming it.
template <class Units> Units plus(const Units& a, const Units& b) {
  return {plus(a.nano_usd, b.nano_usd), plus(a.tokens, b.tokens), plus(a.calls, b.calls)};
}

template <class Units> Units minus(const Units& a, const Units& b) {
  return {minus(a.nano_usd, b.nano_usd), minus(a.tokens, b.tokens),
          minus(a.calls, b.calls)};
}

/// "run:r1" -> "run 'r1'"; a scope without a kind ("process") as it is.
std::string scope_words(const std::string& scope) {
  auto colon = scope.find(':');
  if (colon == std::string::npos)
    return scope;
  return scope.substr(0, colon) + " '" + scope.substr(colon + 1) + "'";
}

/// Where the cap that refused is set, so the message says what to change.
std::string where_set(const std::string& scope, const std::string& measure) {
  auto colon = scope.find(':');
  auto kind = scope.substr(0, colon);
  auto name = colon == std::string::npos ? std::string{} : scope.substr(colon + 1);
  if (kind == "run")
    return "budget.run." + measure + (measure == "usd" ? " (or --max-usd)" : "");
  if (kind == "agent") // "agent:RUN/AGENT": the scenario names the agent only
    return "budget.agents." + name.substr(name.find('/') + 1) + "." + measure;
  if (kind == "provider")
    return "budget.providers." + name + "." + measure;
  return "the " + scope_words(scope) + " " + measure + " cap";
}

/// Dollars to the cent, with more digits only when cents would hide them
/// (a call can cost a fraction of a cent).
std::string dollars(double usd) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f", usd);
  if (std::fabs(usd - std::strtod(buf, nullptr)) > 5e-10) {
    std::snprintf(buf, sizeof(buf), "%.9f", usd); // the ledger's resolution
    std::string text{buf};
    text.erase(text.find_last_not_of('0') + 1);
    return "$" + text;
  }
  return "$" + std::string{buf};
}

std::string amount_text(const std::string& measure, double value) {
  if (measure == "usd")
    return dollars(value);
  return std::to_string(std::llround(value));
}

} // namespace

std::string budget_refusal::message() const {
  auto text = [this](double value) { return amount_text(measure, value); };
  return "budget_exceeded: " + scope_words(scope) + " " + measure + " cap " + text(cap) +
         ": spent " + text(spent) + ", in flight " + text(reserved) +
         ", this call needs up to " + text(asked) + "; to allow more, raise " +
         where_set(scope, measure);
}

void budget_ledger::set_limit(const std::string& scope, const budget_limit& limit) {
  accounts_[scope].limit = limit;
}

std::variant<budget_ledger::reservation_id, budget_refusal>
budget_ledger::reserve(const std::vector<std::string>& scopes,
                       const budget_amount& worst_case) {
  // A scope named twice is still one account: reserving in it twice would
  // hold the amount twice.
  std::vector<std::string> unique;
  for (const auto& scope : scopes)
    if (std::find(unique.begin(), unique.end(), scope) == unique.end())
      unique.push_back(scope);
  units asked{to_nano(worst_case.usd), std::max<int64_t>(0, worst_case.tokens), 1};
  for (const auto& scope : unique)
    if (auto refusal = check(scope, asked))
      return *refusal;
  for (const auto& scope : unique) {
    auto& acc = accounts_[scope];
    acc.reserved = plus(acc.reserved, asked);
  }
  auto id = next_id_++;
  open_.emplace(id, reservation{std::move(unique), asked});
  return id;
}

std::optional<budget_refusal> budget_ledger::check(const std::string& scope,
                                                   const units& asked) const {
  auto found = accounts_.find(scope);
  if (found == accounts_.end())
    return std::nullopt;
  const auto& acc = found->second;
  struct measure {
    const char* name;
    std::optional<int64_t> cap;
    int64_t units::*field;
    double scale;
  };
  const auto& limit = acc.limit;
  std::optional<int64_t> usd_cap;
  if (limit.usd)
    usd_cap = to_nano(*limit.usd);
  const measure measures[] = {{"usd", usd_cap, &units::nano_usd, 1 / nano_per_usd},
                              {"tokens", limit.tokens, &units::tokens, 1},
                              {"calls", limit.calls, &units::calls, 1}};
  for (const auto& m : measures) {
    if (!m.cap)
      continue;
    auto spent = acc.spent.*m.field;
    auto held = acc.reserved.*m.field;
    auto need = asked.*m.field;
    if (plus(plus(spent, held), need) > *m.cap)
      return budget_refusal{scope,
                            m.name,
                            static_cast<double>(*m.cap) * m.scale,
                            static_cast<double>(spent) * m.scale,
                            static_cast<double>(held) * m.scale,
                            static_cast<double>(need) * m.scale};
  }
  return std::nullopt;
}

void budget_ledger::settle(reservation_id id, const budget_amount& actual) {
  auto found = open_.find(id);
  if (found == open_.end())
    return;
  const auto& held = found->second.amount;
  units used{to_nano(actual.usd), std::max<int64_t>(0, actual.tokens),
             std::max<int64_t>(0, actual.calls)};
  // A settled reservation is a call that was sent, whatever `actual.calls`.
  units charged{std::min(used.nano_usd, held.nano_usd),
                std::min(used.tokens, held.tokens), held.calls};
  auto beyond = minus(used, held);
  for (const auto& scope : found->second.scopes) {
    auto& acc = accounts_[scope];
    acc.reserved = minus(acc.reserved, held);
    acc.spent = plus(acc.spent, charged);
    acc.overrun = plus(acc.overrun, beyond);
  }
  open_.erase(found);
}

void budget_ledger::release(reservation_id id) {
  auto found = open_.find(id);
  if (found == open_.end())
    return;
  const auto& held = found->second.amount;
  for (const auto& scope : found->second.scopes) {
    auto& acc = accounts_[scope];
    acc.reserved = minus(acc.reserved, held);
  }
  open_.erase(found);
}

budget_amount budget_ledger::figure(const std::string& scope,
                                    units account::*member) const {
  auto found = accounts_.find(scope);
  if (found == accounts_.end())
    return {};
  const auto& value = found->second.*member;
  return {to_usd(value.nano_usd), value.tokens, value.calls};
}

budget_amount budget_ledger::spent(const std::string& scope) const {
  return figure(scope, &account::spent);
}

budget_amount budget_ledger::reserved(const std::string& scope) const {
  return figure(scope, &account::reserved);
}

budget_amount budget_ledger::overrun(const std::string& scope) const {
  return figure(scope, &account::overrun);
}

std::optional<budget_limit> budget_ledger::limit(const std::string& scope) const {
  auto found = accounts_.find(scope);
  if (found == accounts_.end())
    return std::nullopt;
  return found->second.limit;
}

std::optional<double> budget_ledger::usd_left(const std::string& scope) const {
  auto found = accounts_.find(scope);
  if (found == accounts_.end() || !found->second.limit.usd)
    return std::nullopt;
  const auto& acc = found->second;
  auto used = plus(acc.spent.nano_usd, acc.reserved.nano_usd);
  return to_usd(minus(to_nano(*acc.limit.usd), used));
}

} // namespace troupe

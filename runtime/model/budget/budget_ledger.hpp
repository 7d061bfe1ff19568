#pragma once

#include "runtime/model/budget/budget_amount.hpp"
#include "runtime/model/config/budget_spec.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace troupe {

/// Why a reservation did not fit: the first scope and measure over its cap.
struct budget_refusal {
  std::string scope;   // e.g. "run:20261123-0101-ab12"
  std::string measure; // "usd", "tokens" or "calls"
  double cap = 0;
  double spent = 0;
  double reserved = 0; // held by calls in flight
  double asked = 0;
  /// "budget_exceeded: run '20261123-0101-ab12' usd cap $0.50: spent $0.48,
  /// in flight $0.01, this call needs up to $0.03", then where the cap is set.
  std::string message() const;
};

/// The books of every budget scope. Plain and single-threaded: one actor
/// (the budget guard) owns it, so check-and-reserve is atomic by design.
/// Scopes are opaque names; a scope without a limit only keeps accounts.
///
/// Invariant: for every scope with a cap, spent + reserved <= cap at all
/// times. settle() charges at most what was reserved; the router reserves a
/// true upper bound (every input byte as a token, plus max_tokens), and any
/// usage beyond it is kept apart as overrun() so it can be reported.
/// Amounts are kept in whole nano-dollars inside, so sums are exact.
class budget_ledger {
public:
  using reservation_id = uint64_t;

  void set_limit(const std::string& scope, const budget_limit& limit);

  /// Reserves `worst_case` in every scope of `scopes`, all or nothing. A
  /// reservation is one call, whatever worst_case.calls says.
  std::variant<reservation_id, budget_refusal>
  reserve(const std::vector<std::string>& scopes, const budget_amount& worst_case);

  /// Charges `actual` (capped at what was reserved, per measure), plus the
  /// one call, and releases the rest. Usage beyond the reservation goes to
  /// overrun(). Unknown ids are ignored (already settled or released).
  void settle(reservation_id id, const budget_amount& actual);

  /// Gives the whole reservation back (the call failed or was not sent).
  void release(reservation_id id);

  budget_amount spent(const std::string& scope) const;
  budget_amount reserved(const std::string& scope) const;
  std::optional<budget_limit> limit(const std::string& scope) const;
  /// What is left under the usd cap; nothing for no cap.
  std::optional<double> usd_left(const std::string& scope) const;
  /// Settled usage beyond what was reserved, summed per measure: the router's
  /// worst case was not one. Never counted in spent().
  budget_amount overrun(const std::string& scope) const;

private:
  /// An amount in exact units: nano-dollars, tokens, calls.
  struct units {
    int64_t nano_usd = 0;
    int64_t tokens = 0;
    int64_t calls = 0;
  };
  struct account {
    budget_limit limit;
    units spent;
    units reserved;
    units overrun;
  };
  struct reservation {
    std::vector<std::string> scopes;
    units amount;
  };

  std::optional<budget_refusal> check(const std::string& scope, const units& asked) const;
  budget_amount figure(const std::string& scope, units account::*member) const;

  std::map<std::string, account> accounts_;
  std::map<reservation_id, reservation> open_;
  reservation_id next_id_ = 1;
};

} // namespace troupe

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
  /// "budget_exceeded: run:... usd cap 0.50, spent 0.48, in flight 0.01,
  /// this call needs up to 0.03"
  std::string message() const;
};

/// The books of every budget scope. Plain and single-threaded: one actor
/// (the budget guard) owns it, so check-and-reserve is atomic by design.
/// Scopes are opaque names; a scope without a limit only keeps accounts.
///
/// Invariant: for every scope with a cap, spent + reserved <= cap at all
/// times, provided settle() is never given more than was reserved (the
/// router reserves a true upper bound: every input byte as a token, plus
/// max_tokens).
class budget_ledger {
public:
  using reservation_id = uint64_t;

  void set_limit(const std::string& scope, const budget_limit& limit);

  /// Reserves `worst_case` in every scope of `scopes`, all or nothing.
  std::variant<reservation_id, budget_refusal>
  reserve(const std::vector<std::string>& scopes, const budget_amount& worst_case);

  /// Charges `actual` (capped at what was reserved) and releases the rest.
  /// Unknown ids are ignored (already settled or released).
  void settle(reservation_id id, const budget_amount& actual);

  /// Gives the whole reservation back (the call failed or was not sent).
  void release(reservation_id id);

  budget_amount spent(const std::string& scope) const;
  budget_amount reserved(const std::string& scope) const;
  std::optional<budget_limit> limit(const std::string& scope) const;
  /// What is left under the cap, per measure; nothing for no cap.
  std::optional<double> usd_left(const std::string& scope) const;

private:
  struct account {
    budget_limit limit;
    budget_amount spent;
    budget_amount reserved;
  };
  struct reservation {
    std::vector<std::string> scopes;
    budget_amount amount;
  };
  std::map<std::string, account> accounts_;
  std::map<reservation_id, reservation> open_;
  reservation_id next_id_ = 1;
};

} // namespace troupe

#pragma once

#include "runtime/messages/model_request.hpp"
#include "runtime/messages/model_response.hpp"
#include "runtime/model/budget/budget_amount.hpp"
#include "runtime/model/config/route_spec.hpp"

#include <caf/typed_response_promise.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// One model request while the router serves it: which targets to try in
/// which order, where it is in that order, and what has happened so far.
struct model_call {
  uint64_t id = 0;
  model_request request;
  caf::typed_response_promise<model_response> promise;
  const route_spec* route = nullptr;
  std::string span;
  int64_t start_us = 0;
  std::vector<std::size_t> order;      // indexes into route->targets
  std::size_t position = 0;            // into order
  int retries = 0;                     // on the current target
  std::chrono::milliseconds queued{0}; // waited for rate limits so far
  int64_t min_context = 0; // after a context_length failure: need a larger window
  std::optional<uint64_t> reservation;
  budget_amount held; // what the reservation holds, while it is open
  int64_t attempt_start_us = 0;
  // The attempt out at the provider, and when the router stops waiting for
  // it (none for an in-process provider): an answer to an earlier attempt,
  // or one after the deadline, is late.
  uint64_t attempt_seq = 0;
  bool awaiting = false;
  std::optional<std::chrono::steady_clock::time_point> attempt_deadline;
  std::vector<model_attempt> attempts;
  std::string budget_refusal; // the last refusal, for the final error
  // The cache key of the request at `cache_key_model`: the canonical text
  // is long, and lookup, retries and store all need it.
  std::string cache_key;
  std::string cache_key_model;

  bool exhausted() const noexcept { return position >= order.size(); }
  const target_spec& target() const { return route->targets[order[position]]; }
  std::string attempt_span() const {
    return span + "/a" + std::to_string(attempts.size());
  }
};

} // namespace troupe

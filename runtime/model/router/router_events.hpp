#pragma once

// Every trace event the model router writes is built here: the call itself,
// each attempt, retries, failovers, cache hits, breaker changes and budget
// decisions. Attribute names follow the OpenTelemetry GenAI conventions
// where they exist (gen_ai.*), Troupe's own otherwise (troupe.*).

#include "runtime/messages/attempt_result.hpp"
#include "runtime/messages/model_response.hpp"
#include "runtime/messages/trace_event.hpp"
#include "runtime/model/router/model_call.hpp"

#include <chrono>
#include <string>

namespace troupe {

/// The model_call event when the call ends; `response` null on failure.
trace_event call_event(const model_call& call, const model_response* response,
                       const std::string& error, bool content);

/// The model_call event of a call abandoned in flight, charged `usd`.
trace_event abandoned_event(const model_call& call, double usd, bool content);

trace_event attempt_event(const model_call& call, const target_spec& target,
                          const attempt_result& result, double cost_usd);

trace_event retry_event(const model_call& call, const target_spec& target,
                        attempt_outcome outcome, std::chrono::milliseconds delay);

/// `reason`: the failed attempt's outcome class, or "refused" for a target
/// that was skipped; `error`: the details (the provider's message, or why
/// it was skipped).
trace_event failover_event(const model_call& call, const target_spec& from,
                           const std::string& reason, const std::string& error = {});

trace_event cache_hit_event(const model_call& call, const target_spec& target);

/// `reason`: the error of the attempt that changed the state, if any.
trace_event breaker_event(const model_call& call, const target_spec& target,
                          const std::string& state, const std::string& reason);

trace_event budget_event(const model_call& call, const std::string& kind, double usd,
                         int64_t tokens, const std::string& detail);

} // namespace troupe

#include "runtime/model/router/router_events.hpp"

#include "runtime/trace/event_attributes.hpp"
#include "runtime/trace/trace_event_json.hpp"

namespace troupe {

namespace json = boost::json;

namespace {

json::array to_json(const std::vector<chat_message>& messages,
                    const json::storage_ptr& sp) {
  json::array out(sp);
  for (const auto& m : messages)
    out.emplace_back(json::object({{"role", m.role}, {"content", m.content}}, sp));
  return out;
}

json::array to_json(const std::vector<model_attempt>& attempts,
                    const json::storage_ptr& sp) {
  json::array out(sp);
  for (const auto& a : attempts) {
    json::object item({{"provider", a.provider},
                       {"model", a.model},
                       {"outcome", a.outcome},
                       {"error", a.error},
                       {"latency_us", a.latency_us}},
                      sp);
    if (a.http_status != 0)
      item["http.response.status_code"] = a.http_status;
    out.emplace_back(std::move(item));
  }
  return out;
}

/// An event of the call's own span tree: point events (retry, failover, ...)
/// hang below the call, next to the attempt they concern.
trace_event below_call(const model_call& call, const char* kind, const std::string& to) {
  trace_event ev;
  ev.kind = kind;
  ev.ts_us = now_us();
  ev.run_id = call.request.run_id;
  ev.span_id = call.attempt_span() + "." + kind;
  ev.parent_span = call.span;
  ev.from = "router";
  ev.to = to;
  return ev;
}

json::object target_attributes(const model_call& call, const target_spec& target) {
  return json::object({{"gen_ai.provider.name", target.provider},
                       {"gen_ai.request.model", target.model},
                       {"troupe.route", call.request.route},
                       {"troupe.agent", call.request.agent_id}},
                      event_storage());
}

} // namespace

trace_event call_event(const model_call& call, const model_response* response,
                       const std::string& error, bool content) {
  const auto& request = call.request;
  trace_event ev;
  ev.kind = "model_call";
  ev.ts_us = call.start_us;
  ev.run_id = request.run_id;
  ev.span_id = call.span;
  ev.parent_span = request.parent_span;
  ev.from = request.agent_id;
  // A failed call names the last provider it tried.
  ev.to = response                ? response->provider
          : call.attempts.empty() ? std::string{}
                                  : call.attempts.back().provider;
  ev.message_type = "model_request";
  ev.duration_us = now_us() - call.start_us;
  auto sp = event_storage();
  json::object attrs({{"gen_ai.operation.name", "chat"},
                      {"gen_ai.provider.name", ev.to},
                      {"gen_ai.request.model", request.model},
                      {"gen_ai.request.max_tokens", request.max_tokens},
                      {"gen_ai.request.temperature", request.temperature},
                      {"troupe.operation", request.operation},
                      {"troupe.route", request.route},
                      {"troupe.prompt.version", request.prompt_version},
                      {"troupe.prompt.hash", request.prompt_hash},
                      {"troupe.attempts", to_json(call.attempts, sp)}},
                     sp);
  if (content)
    attrs["gen_ai.input.messages"] = to_json(request.messages, sp);
  if (response) {
    attrs["gen_ai.response.model"] = response->model;
    attrs["gen_ai.response.finish_reasons"] =
        json::array{json::value(response->finish_reason)};
    attrs["troupe.cached"] = response->cached;
    if (content)
      attrs["gen_ai.output.text"] = response->text;
    ev.input_tokens = response->input_tokens;
    ev.output_tokens = response->output_tokens;
    ev.cost_usd = response->cost_usd;
    ev.status = "ok";
  } else {
    attrs["error.message"] = error;
    ev.status = "error";
  }
  set_attributes(ev, std::move(attrs));
  return ev;
}

trace_event abandoned_event(const model_call& call, double usd, bool content) {
  auto ev =
      call_event(call, nullptr, "the router stopped before the answer arrived", content);
  ev.status = "abandoned";
  ev.cost_usd = usd;
  ev.attributes.as_object()["troupe.cost_is_upper_bound"] = true;
  return ev;
}

trace_event attempt_event(const model_call& call, const target_spec& target,
                          const attempt_result& result, double cost_usd) {
  auto ev = below_call(call, "model_attempt", target.provider);
  ev.span_id = call.attempt_span();
  ev.ts_us = call.attempt_start_us;
  ev.message_type = "model_request";
  ev.duration_us = result.latency_us;
  ev.input_tokens = result.input_tokens;
  ev.output_tokens = result.output_tokens;
  ev.status = to_string(result.outcome);
  auto attrs = target_attributes(call, target);
  // The call's event carries the cost, so that summing cost_usd over a
  // trace counts each dollar once.
  attrs["troupe.attempt.cost_usd"] = cost_usd;
  if (!result.response_model.empty())
    attrs["gen_ai.response.model"] = result.response_model;
  if (!result.finish_reason.empty())
    attrs["gen_ai.response.finish_reasons"] =
        json::array{json::value(result.finish_reason)};
  if (result.http_status != 0)
    attrs["http.response.status_code"] = result.http_status;
  if (result.outcome != attempt_outcome::ok) {
    attrs["error.type"] = to_string(result.outcome);
    attrs["error.message"] = result.error;
  }
  if (result.retry_after_ms >= 0)
    attrs["troupe.retry_after_ms"] = result.retry_after_ms;
  set_attributes(ev, std::move(attrs));
  return ev;
}

trace_event retry_event(const model_call& call, const target_spec& target,
                        attempt_outcome outcome, std::chrono::milliseconds delay) {
  auto ev = below_call(call, "retry", target.provider);
  ev.status = to_string(outcome);
  auto attrs = target_attributes(call, target);
  attrs["troupe.retry.number"] = call.retries;
  attrs["troupe.retry.delay_ms"] = delay.count();
  attrs["error.type"] = to_string(outcome);
  set_attributes(ev, std::move(attrs));
  return ev;
}

trace_event failover_event(const model_call& call, const target_spec& from,
                           const std::string& reason, const std::string& error) {
  auto ev = below_call(call, "failover", from.provider);
  ev.status = reason;
  auto attrs = target_attributes(call, from);
  attrs["troupe.failover.reason"] = reason;
  if (!error.empty())
    attrs["error.message"] = error;
  if (!call.exhausted()) {
    attrs["troupe.failover.to_provider"] = call.target().provider;
    attrs["troupe.failover.to_model"] = call.target().model;
  }
  set_attributes(ev, std::move(attrs));
  return ev;
}

trace_event cache_hit_event(const model_call& call, const target_spec& target) {
  auto ev = below_call(call, "cache_hit", target.provider);
  ev.status = "ok";
  set_attributes(ev, target_attributes(call, target));
  return ev;
}

trace_event breaker_event(const model_call& call, const target_spec& target,
                          const std::string& state, const std::string& reason) {
  auto ev = below_call(call, "breaker", target.provider);
  ev.status = state;
  auto attrs = target_attributes(call, target);
  attrs["troupe.breaker.state"] = state;
  if (!reason.empty())
    attrs["error.message"] = reason;
  set_attributes(ev, std::move(attrs));
  return ev;
}

trace_event budget_event(const model_call& call, const std::string& kind, double usd,
                         int64_t tokens, const std::string& detail) {
  auto ev = below_call(call, kind.c_str(), "budget");
  ev.status = kind == "budget_refused" ? "refused" : "ok";
  json::object attrs({{"troupe.agent", call.request.agent_id},
                      {"troupe.route", call.request.route},
                      {"troupe.budget.usd", usd},
                      {"troupe.budget.tokens", tokens}},
                     event_storage());
  if (!detail.empty())
    attrs["troupe.budget.detail"] = detail;
  set_attributes(ev, std::move(attrs));
  return ev;
}

} // namespace troupe

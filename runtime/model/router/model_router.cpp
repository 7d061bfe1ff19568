#include "runtime/model/router/model_router.hpp"

#include "runtime/errors.hpp"
#include "runtime/model/budget/token_estimate.hpp"
#include "runtime/model/router/router_events.hpp"
#include "runtime/model/router/target_order.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <algorithm>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

namespace {

using router_ptr = model_router_actor::stateful_pointer<model_router_state>;
using steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

void try_current(router_ptr self, uint64_t id);

/// Sends the event `build` makes to the trace sink; builds nothing when the
/// run has no sink, since an event costs more to build than to send.
template <class Build> void trace(router_ptr self, Build&& build) {
  if (self->state.config.trace)
    self->send(self->state.config.trace, build());
}

model_call* find_call(router_ptr self, uint64_t id) {
  auto found = self->state.calls.find(id);
  return found == self->state.calls.end() ? nullptr : &found->second;
}

bool cache_on(router_ptr self) {
  return self->state.config.use_cache && self->state.cache;
}

void finish(router_ptr self, model_call& call, model_response response) {
  call.request.model = call.target().model; // the model asked of the target that answered
  response.latency_us = now_us() - call.start_us;
  response.attempts = call.attempts;
  trace(self, [&] {
    return call_event(call, &response, {}, self->state.config.capture_content);
  });
  call.promise.deliver(std::move(response));
  self->state.calls.erase(call.id);
}

void fail(router_ptr self, model_call& call, caf::error err) {
  trace(self, [&] {
    return call_event(call, nullptr, describe(err), self->state.config.capture_content);
  });
  call.promise.deliver(std::move(err));
  self->state.calls.erase(call.id);
}

/// "openai/gpt-4o-mini: server_error (HTTP 503 ...); local/extractive: ...".
std::string attempts_summary(const model_call& call) {
  std::string out;
  for (const auto& a : call.attempts) {
    if (!out.empty())
      out += "; ";
    out += a.provider + "/" + a.model + ": " + a.outcome;
    if (!a.error.empty())
      out += " (" + a.error + ")";
  }
  return out;
}

/// Every target was tried or skipped. Only refusals by the budget make the
/// call a budget failure; anything else is a model failure with the story.
void give_up(router_ptr self, model_call& call) {
  bool only_budget = !call.budget_refusal.empty() &&
                     std::all_of(call.attempts.begin(), call.attempts.end(),
                                 [](const auto& a) { return a.outcome == "refused"; });
  if (only_budget)
    return fail(self, call, make_error(errc::budget_exceeded, call.budget_refusal));
  auto story = call.attempts.empty()
                   ? std::string{"every target's circuit breaker is open"}
                   : attempts_summary(call);
  fail(self, call,
       make_error(errc::model_failed, "no target of route '" + call.request.route +
                                          "' could answer: " + story));
}

/// Records a try that was not sent (breaker, rate limit, budget, window).
void skip(router_ptr self, model_call& call, const std::string& why) {
  const auto& target = call.target();
  call.attempts.push_back({target.provider, target.model, "refused", why, 0, 0});
  ++call.position;
  call.retries = 0;
  trace(self, [&] { return failover_event(call, target, "refused", why); });
}

void next_target(router_ptr self, model_call& call, const attempt_result& failed) {
  const auto& from = call.target();
  ++call.position;
  call.retries = 0;
  trace(self, [&] {
    return failover_event(call, from, to_string(failed.outcome), failed.error);
  });
}

circuit_breaker& breaker_of(router_ptr self, const target_spec& target) {
  auto& breakers = self->state.breakers;
  auto key = breaker_key(target);
  auto found = breakers.find(key);
  if (found == breakers.end())
    found =
        breakers.emplace(key, circuit_breaker{self->state.config.models.breaker}).first;
  return found->second;
}

const provider_spec* provider_spec_of(router_ptr self, const target_spec& target) {
  const auto& providers = self->state.config.models.providers;
  auto found = providers.find(target.provider);
  return found == providers.end() ? nullptr : &found->second;
}

/// The provider's limiter, or nullptr when it has no limits: neither
/// configured ones nor any its response headers reported.
rate_limiter* limiter_of(router_ptr self, const target_spec& target) {
  auto& limiters = self->state.limiters;
  auto found = limiters.find(target.provider);
  if (found != limiters.end())
    return &found->second;
  const auto* spec = provider_spec_of(self, target);
  if (!spec || (spec->requests_per_minute <= 0 && spec->tokens_per_minute <= 0))
    return nullptr;
  return &limiters
              .emplace(target.provider,
                       rate_limiter{spec->requests_per_minute, spec->tokens_per_minute,
                                    steady::now()})
              .first->second;
}

/// Passes what the provider said about its limits to its limiter, so the
/// next requests wait before the provider has to refuse them.
void observe_limits(router_ptr self, const target_spec& target,
                    const attempt_result& result) {
  auto given = [](int64_t x) {
    return x >= 0 ? std::optional<int64_t>{x} : std::nullopt;
  };
  if (result.remaining_requests < 0 && result.remaining_tokens < 0)
    return;
  auto* limiter = limiter_of(self, target);
  if (!limiter)
    limiter =
        &self->state.limiters.emplace(target.provider, rate_limiter{0, 0, steady::now()})
             .first->second;
  std::optional<milliseconds> reset;
  if (result.limit_reset_ms >= 0)
    reset = milliseconds{result.limit_reset_ms};
  limiter->observe(steady::now(), given(result.remaining_requests),
                   given(result.remaining_tokens), reset);
}

const std::string& cache_key_of(model_call& call) {
  const auto& model = call.target().model;
  if (call.cache_key.empty() || call.cache_key_model != model) {
    call.cache_key = canonical_request(call.request, model);
    call.cache_key_model = model;
  }
  return call.cache_key;
}

std::optional<cached_answer> cached(router_ptr self, model_call& call) {
  if (!cache_on(self))
    return std::nullopt;
  return self->state.cache->lookup(cache_key_of(call), std::chrono::system_clock::now());
}

void answer_from_cache(router_ptr self, model_call& call, cached_answer answer) {
  trace(self, [&] { return cache_hit_event(call, call.target()); });
  model_response response;
  response.text = std::move(answer.text);
  response.provider = std::move(answer.provider);
  response.model = std::move(answer.response_model);
  response.finish_reason = std::move(answer.finish_reason);
  response.input_tokens = answer.input_tokens;
  response.output_tokens = answer.output_tokens;
  response.cached = true;
  finish(self, call, std::move(response));
}

/// What the target's rate limit says: go now (the slot is taken), wait
/// `wait`, or skip the target (waiting is not allowed or would be too long).
enum class limit_verdict { go, wait, skip };

limit_verdict check_limit(router_ptr self, model_call& call, milliseconds& wait) {
  auto* limiter = limiter_of(self, call.target());
  if (!limiter)
    return limit_verdict::go;
  auto tokens = estimated_input_tokens(call.request) + call.request.max_tokens;
  wait = limiter->wait_time(steady::now(), tokens);
  if (wait.count() == 0) {
    // Taken now, not at send time: the budget answer in between is
    // asynchronous, and other calls must see the slot as gone.
    limiter->take(steady::now(), tokens);
    return limit_verdict::go;
  }
  const auto* spec = provider_spec_of(self, call.target());
  if (spec->when_limited == "next" || call.queued + wait > spec->max_queue_wait)
    return limit_verdict::skip;
  return limit_verdict::wait;
}

void on_attempt(router_ptr self, uint64_t id, attempt_result result);

attempt_result silent_provider(std::string why) {
  attempt_result result;
  result.outcome = attempt_outcome::timeout;
  result.error = std::move(why);
  return result;
}

/// The provider's answer to attempt `seq` of call `id`, unless it is late.
void answered(router_ptr self, uint64_t id, uint64_t seq, attempt_result result) {
  auto* call = find_call(self, id);
  if (!call || call->attempt_seq != seq || !call->awaiting)
    return;
  call->awaiting = false;
  call->attempt_deadline.reset();
  on_attempt(self, id, std::move(result));
}

void arm_sweep(router_ptr self) {
  if (self->state.sweep_armed)
    return;
  self->state.sweep_armed = true;
  self->delayed_send(self, self->state.config.deadline_sweep, tick_atom::value);
}

/// Fails the attempts whose provider is past its deadline, as timeouts.
void sweep_deadlines(router_ptr self) {
  self->state.sweep_armed = false;
  auto now = steady::now();
  std::vector<uint64_t> late;
  bool waiting = false;
  for (const auto& [id, call] : self->state.calls) {
    if (call.attempt_deadline && *call.attempt_deadline <= now)
      late.push_back(id);
    else if (call.attempt_deadline)
      waiting = true;
  }
  for (auto id : late)
    if (auto* call = find_call(self, id))
      answered(self, id, call->attempt_seq,
               silent_provider("the provider did not answer within its timeout"));
  if (waiting || !late.empty())
    arm_sweep(self);
}

/// Sends the call to its current target; `reservation` is held in the budget.
void send(router_ptr self, model_call& call) {
  const auto& target = call.target();
  auto now = steady::now();
  if (!breaker_of(self, target).allow(now)) {
    if (call.reservation)
      self->send(self->state.config.budget, budget_settle{*call.reservation});
    call.reservation.reset();
    skip(self, call, "circuit breaker open");
    return try_current(self, call.id);
  }
  const auto* spec = provider_spec_of(self, target);
  auto request = call.request;
  request.model = target.model;
  call.attempt_start_us = now_us();
  call.awaiting = true;
  // The offline provider runs in this process and cannot hang on a network:
  // under load its queue only grows, and failing its calls then (and
  // opening its breaker) would fail runs that merely wait their turn.
  call.attempt_deadline.reset();
  if (spec->type != "local")
    call.attempt_deadline = now + spec->timeout + self->state.config.provider_grace;
  auto id = call.id;
  auto seq = ++call.attempt_seq;
  // No CAF timeout on the request: each would register with CAF's clock
  // thread (a mutex and a wake-up per call); the sweep checks deadlines.
  // A provider that stops has CAF bounce the request as an error.
  self->request(self->state.config.providers.at(target.provider), caf::infinite,
                std::move(request))
      .then([=](attempt_result& result) { answered(self, id, seq, std::move(result)); },
            [=](caf::error& err) {
              answered(
                  self, id, seq,
                  silent_provider("the provider actor did not answer: " + describe(err)));
            });
  if (call.attempt_deadline)
    arm_sweep(self);
}

std::vector<std::string> budget_scopes(const model_call& call) {
  const auto& r = call.request;
  return {"process", "run:" + r.run_id, "agent:" + r.run_id + "/" + r.agent_id,
          "provider:" + r.run_id + "/" + call.target().provider};
}

double cost_at(router_ptr self, const target_spec& target, int64_t input,
               int64_t output) {
  auto price = price_of(self->state.config.pricing, self->state.config.models, target);
  return price ? pricing_table::cost(*price, input, output) : 0.0;
}

/// Holds the call's worst case in the budget, then sends; a refusal moves
/// on to the next target (a cheaper or free one may still fit).
void reserve_and_send(router_ptr self, model_call& call) {
  if (!self->state.config.budget)
    return send(self, call);
  auto input = max_input_tokens(call.request);
  budget_reserve ask{budget_scopes(call),
                     cost_at(self, call.target(), input, call.request.max_tokens),
                     input + call.request.max_tokens, 1};
  auto id = call.id;
  auto usd = ask.usd;
  auto tokens = ask.tokens;
  // No timeout: the guard lives in this process and answers at once, and a
  // guard that stops has CAF bounce the request as an error. A timeout
  // would cost every call a registration with CAF's clock thread (a mutex
  // and a wake-up), a tenth of the router's time in a profile.
  self->request(self->state.config.budget, caf::infinite, std::move(ask))
      .then(
          [=](budget_decision& decision) {
            auto* c = find_call(self, id);
            if (!c)
              return;
            if (!decision.granted) {
              trace(self, [&] {
                return budget_event(*c, "budget_refused", usd, tokens, decision.refusal);
              });
              c->budget_refusal = decision.refusal;
              skip(self, *c, decision.refusal);
              return try_current(self, id);
            }
            c->reservation = decision.reservation;
            c->held = {usd, tokens, 1};
            trace(self,
                  [&] { return budget_event(*c, "budget_reserve", usd, tokens, {}); });
            send(self, *c);
          },
          [=](caf::error& err) {
            if (auto* c = find_call(self, id)) {
              c->budget_refusal = "the budget guard did not answer: " + describe(err);
              skip(self, *c, c->budget_refusal);
              try_current(self, id);
            }
          });
}

/// Tries the call's current target, or the next ones when it cannot be
/// used now; gives up when none is left.
void try_current(router_ptr self, uint64_t id) {
  auto* call = find_call(self, id);
  if (!call)
    return;
  while (!call->exhausted()) {
    const auto& target = call->target();
    if (!self->state.config.providers.count(target.provider) ||
        !provider_spec_of(self, target)) {
      skip(self, *call, "provider '" + target.provider + "' is not running");
      continue;
    }
    if (call->min_context > 0 && target.context_window > 0 &&
        target.context_window < call->min_context) {
      skip(self, *call, "context window too small for this request");
      continue;
    }
    if (auto answer = cached(self, *call))
      return answer_from_cache(self, *call, std::move(*answer));
    if (breaker_of(self, target).current(steady::now()) == circuit_breaker::state::open) {
      skip(self, *call, "circuit breaker open");
      continue;
    }
    milliseconds wait{0};
    switch (check_limit(self, *call, wait)) {
    case limit_verdict::skip:
      skip(self, *call, "rate limit of provider '" + target.provider + "' reached");
      continue;
    case limit_verdict::wait:
      call->queued += wait;
      self->delayed_send(self, wait, retry_atom::value, id);
      return;
    case limit_verdict::go:
      return reserve_and_send(self, *call);
    }
  }
  give_up(self, *call);
}

void settle(router_ptr self, model_call& call, const attempt_result& result,
            double cost) {
  if (!call.reservation)
    return;
  budget_settle done{*call.reservation};
  if (result.outcome == attempt_outcome::ok) {
    done.usd = cost;
    done.tokens = result.input_tokens + result.output_tokens;
    done.calls = 1;
    trace(self,
          [&] { return budget_event(call, "budget_settle", cost, done.tokens, {}); });
  }
  self->send(self->state.config.budget, done);
  call.reservation.reset();
}

/// Feeds the attempt's outcome to the target's breaker and route strategy.
void learn(router_ptr self, model_call& call, const attempt_result& result) {
  const auto& target = call.target();
  bool ok = result.outcome == attempt_outcome::ok;
  self->state.strategies.at(call.request.route)
      ->observe(call.order[call.position], ok,
                static_cast<double>(result.latency_us) / 1000);
  auto& breaker = breaker_of(self, target);
  auto now = steady::now();
  auto before = breaker.current(now);
  if (ok)
    breaker.record_success();
  else if (is_target_fault(result.outcome))
    breaker.record_failure(now);
  auto after = breaker.current(now);
  if (after != before)
    trace(self,
          [&] { return breaker_event(call, target, to_string(after), result.error); });
}

void remember(router_ptr self, model_call& call, const attempt_result& result) {
  if (!cache_on(self))
    return;
  cached_answer answer{result.text,           call.target().provider,
                       result.response_model, result.finish_reason,
                       result.input_tokens,   result.output_tokens};
  self->state.cache->store(cache_key_of(call), answer, std::chrono::system_clock::now());
}

void succeed(router_ptr self, model_call& call, attempt_result& result, double cost) {
  remember(self, call, result);
  model_response response;
  response.text = std::move(result.text);
  response.provider = call.target().provider;
  response.model = result.response_model.empty() ? call.target().model
                                                 : std::move(result.response_model);
  response.finish_reason = std::move(result.finish_reason);
  response.input_tokens = result.input_tokens;
  response.output_tokens = result.output_tokens;
  response.cost_usd = cost;
  finish(self, call, std::move(response));
}

/// After a failed attempt: retry the same target later, fail over, or stop.
void recover(router_ptr self, model_call& call, const attempt_result& result) {
  std::optional<milliseconds> retry_after;
  if (result.retry_after_ms >= 0)
    retry_after = milliseconds{result.retry_after_ms};
  auto delay = self->state.retry->next_delay(call.retries, result.outcome, retry_after,
                                             *self->state.rng);
  if (delay) {
    ++call.retries;
    trace(self, [&] { return retry_event(call, call.target(), result.outcome, *delay); });
    self->delayed_send(self, *delay, retry_atom::value, call.id);
    return;
  }
  if (result.outcome == attempt_outcome::context_length) {
    auto window = call.target().context_window;
    auto need = estimated_input_tokens(call.request) + call.request.max_tokens;
    call.min_context = std::max({call.min_context, window + 1, need});
  }
  if (!allows_failover(result.outcome))
    return fail(self, call,
                make_error(errc::model_failed,
                           call.target().provider + "/" + call.target().model +
                               " rejected the request: " + result.error));
  next_target(self, call, result);
  try_current(self, call.id);
}

void on_attempt(router_ptr self, uint64_t id, attempt_result result) {
  auto* call = find_call(self, id);
  if (!call)
    return;
  const auto& target = call->target();
  bool ok = result.outcome == attempt_outcome::ok;
  double cost =
      ok ? cost_at(self, target, result.input_tokens, result.output_tokens) : 0.0;
  settle(self, *call, result, cost);
  // Traced before it is counted: attempt aN follows reservation aN.
  trace(self, [&] { return attempt_event(*call, target, result, cost); });
  call->attempts.push_back({target.provider, target.model, to_string(result.outcome),
                            result.error, result.latency_us, result.http_status});
  observe_limits(self, target, result);
  learn(self, *call, result);
  if (ok)
    return succeed(self, *call, result, cost);
  recover(self, *call, result);
}

void start_call(router_ptr self, model_request& request,
                caf::typed_response_promise<model_response> promise) {
  auto& st = self->state;
  auto route = st.config.models.routes.find(request.route);
  auto id = ++st.next_call;
  auto& call = st.calls[id];
  call.id = id;
  call.request = std::move(request);
  call.promise = std::move(promise);
  call.span = call.request.parent_span + "/m" + std::to_string(id);
  call.start_us = now_us();
  if (route == st.config.models.routes.end())
    return fail(self, call,
                make_error(errc::model_failed, "agent '" + call.request.agent_id +
                                                   "' asked for unknown route '" +
                                                   call.request.route + "'"));
  call.route = &route->second;
  if (call.request.model.empty() && !route->second.targets.empty())
    call.request.model = route->second.targets.front().model;
  call.order =
      order_targets(route->second, call.request, st.config.pricing, st.config.models,
                    *st.strategies.at(route->first), st.breakers, steady::now(), *st.rng);
  try_current(self, id);
}

void set_up(router_ptr self, model_router_config config) {
  auto& st = self->state;
  st.config = std::move(config);
  for (const auto& [name, route] : st.config.models.routes)
    st.strategies.emplace(name, make_route_strategy(route));
  st.retry = std::make_unique<retry_policy>(st.config.models.retry);
  if (st.config.models.cache.enabled)
    st.cache = std::make_unique<response_cache>(st.config.models.cache);
  st.rng = st.config.seed == 0 ? std::make_unique<random_source>()
                               : std::make_unique<random_source>(st.config.seed);
}

} // namespace

model_router_state::~model_router_state() {
  for (auto& [id, call] : calls) {
    double charged = 0;
    if (call.reservation && config.budget) {
      charged = call.held.usd;
      caf::anon_send(config.budget, budget_settle{*call.reservation, call.held.usd,
                                                  call.held.tokens, 1});
    }
    if (config.trace)
      caf::anon_send(config.trace,
                     abandoned_event(call, charged, config.capture_content));
    call.promise.deliver(make_error(errc::model_failed, "the model router stopped before "
                                                        "the answer arrived"));
  }
}

model_router_actor::behavior_type
model_router(model_router_actor::stateful_pointer<model_router_state> self,
             model_router_config config) {
  set_up(self, std::move(config));
  return {
      [=](model_request& request) -> caf::result<model_response> {
        auto promise = self->make_response_promise<model_response>();
        start_call(self, request, promise);
        return promise;
      },
      [=](retry_atom, uint64_t id) { try_current(self, id); },
      [=](tick_atom) { sweep_deadlines(self); },
  };
}

} // namespace troupe

// The model router against scripted provider actors: retries, failover,
// breakers, context windows, cache, pricing and the budget invariant under
// concurrency, each read back from the answers and the trace.

#include "runtime/errors.hpp"
#include "runtime/model/budget/budget_guard.hpp"
#include "runtime/model/router/model_router.hpp"
#include "runtime/trace/trace_sink.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <deque>
#include <thread>

using namespace troupe;
using namespace std::chrono_literals;

namespace {

/// A provider that answers from a script, then "ok" for ever; `get` tells
/// how many requests it saw.
struct scripted_state {
  std::deque<attempt_result> script;
  int64_t seen = 0;
};

caf::behavior scripted_provider(caf::stateful_actor<scripted_state>* self,
                                std::string name, std::vector<attempt_result> script) {
  self->state.script.assign(script.begin(), script.end());
  return {
      [=](model_request& request) -> attempt_result {
        ++self->state.seen;
        if (!self->state.script.empty()) {
          auto next = self->state.script.front();
          self->state.script.pop_front();
          return next;
        }
        attempt_result ok;
        ok.text = "answer from " + name + " (" + request.model + ")";
        ok.response_model = request.model;
        ok.finish_reason = "stop";
        ok.input_tokens = 20;
        ok.output_tokens = 50;
        return ok;
      },
      [=](caf::get_atom) { return self->state.seen; },
  };
}

attempt_result failure(attempt_outcome outcome, std::string error = "scripted") {
  attempt_result r;
  r.outcome = outcome;
  r.error = std::move(error);
  return r;
}

struct router_fixture {
  test::test_system ts;
  test::temp_dir tmp;
  caf::scoped_actor self{ts.sys};
  std::map<std::string, caf::actor> providers;
  std::vector<model_router_actor> routers;
  trace_sink_actor trace;
  budget_guard_actor budget;
  models_spec models;
  pricing_table pricing;

  router_fixture() {
    models.retry.base_delay = 1ms;
    models.retry.max_delay = 5ms;
    models.cache.enabled = false;
    pricing.set("a", "big", {10.0, 30.0});
    pricing.set("b", "small", {1.0, 2.0});
    auto file = open_trace_file(tmp.file("trace.jsonl"));
    REQUIRE(file);
    trace = ts.sys.spawn(trace_sink, *file, caf::actor{});
    budget = ts.sys.spawn(budget_guard);
  }

  ~router_fixture() {
    // The router's pending request timeouts would keep it alive otherwise.
    for (auto& router : routers)
      self->send_exit(router, caf::exit_reason::user_shutdown);
    for (auto& [name, p] : providers)
      self->send_exit(p, caf::exit_reason::user_shutdown);
    self->send_exit(trace, caf::exit_reason::user_shutdown);
    self->send_exit(budget, caf::exit_reason::user_shutdown);
  }

  void provider(const std::string& name, std::vector<attempt_result> script = {}) {
    providers[name] = ts.sys.spawn(scripted_provider, name, std::move(script));
    provider_spec spec;
    spec.name = name;
    spec.type = "openai";
    models.providers[name] = spec;
  }

  void route(const std::string& strategy, std::vector<target_spec> targets) {
    route_spec r;
    r.name = "main";
    r.strategy = strategy;
    r.targets = std::move(targets);
    models.routes["main"] = r;
  }

  /// The router's configuration: the providers, trace, budget and prices
  /// set up so far.
  model_router_config config(bool with_budget = true) {
    model_router_config cfg;
    cfg.models = models;
    for (auto& [name, p] : providers)
      cfg.providers[name] = caf::actor_cast<provider_actor>(p);
    cfg.trace = trace;
    cfg.budget = with_budget ? budget : budget_guard_actor{};
    cfg.pricing = pricing;
    cfg.seed = 42;
    return cfg;
  }

  model_router_actor start(model_router_config cfg) {
    routers.push_back(ts.sys.spawn(model_router, std::move(cfg)));
    return routers.back();
  }

  model_router_actor start(bool with_budget = true) { return start(config(with_budget)); }

  static model_request request(std::string run = "r1", std::string agent = "summarize") {
    model_request req;
    req.run_id = std::move(run);
    req.agent_id = std::move(agent);
    req.parent_span = "s1";
    req.route = "main";
    req.operation = "summarize";
    req.messages.push_back({"user", "Summarize the source about batteries."});
    req.max_tokens = 100;
    return req;
  }

  caf::expected<model_response> ask(const model_router_actor& router,
                                    model_request req = request()) {
    caf::expected<model_response> out = caf::error{};
    self->request(router, 10s, std::move(req))
        .receive([&](model_response& r) { out = std::move(r); },
                 [&](caf::error& err) { out = std::move(err); });
    return out;
  }

  /// Sends `n` requests at once and waits until each is answered.
  void ask_all(const model_router_actor& router, int n) {
    for (int i = 0; i < n; ++i)
      self->send(router, request());
    for (int i = 0; i < n; ++i)
      self->receive([](model_response&) {}, [](caf::error& err) { FAIL(describe(err)); });
  }

  int64_t seen(const std::string& name) {
    int64_t n = -1;
    self->request(providers.at(name), 5s, caf::get_atom::value)
        .receive([&](int64_t x) { n = x; }, [](caf::error&) {});
    return n;
  }

  budget_status books(const std::string& scope) {
    budget_status status;
    self->request(budget, 5s, budget_query{scope})
        .receive([&](budget_status& s) { status = std::move(s); }, [](caf::error&) {});
    return status;
  }

  std::vector<boost::json::object> events() {
    self->request(trace, 5s, caf::flush_atom::value)
        .receive([](int64_t) {}, [](caf::error&) {});
    return test::read_trace(tmp.file("trace.jsonl"));
  }
};

} // namespace

TEST_CASE("the router prices a call from the table and reports it", "[router]") {
  router_fixture f;
  f.provider("a");
  f.route("fallback", {{"a", "big"}});
  auto router = f.start();
  auto response = f.ask(router);
  REQUIRE(response);
  CHECK(response->provider == "a");
  CHECK(response->model == "big");
  // 20 input tokens at $10/M + 50 output at $30/M.
  CHECK(response->cost_usd == Approx(0.0002 + 0.0015));
  CHECK(response->attempts.size() == 1);
  CHECK(f.books("run:r1").spent_usd == Approx(0.0017));
  CHECK(f.books("agent:r1/summarize").spent_calls == 1);
  auto events = f.events();
  CHECK(test::count_kind(events, "model_call") == 1);
  CHECK(test::count_kind(events, "model_attempt") == 1);
  CHECK(test::count_kind(events, "budget_reserve") == 1);
  CHECK(test::count_kind(events, "budget_settle") == 1);
}

TEST_CASE("retryable failures are retried, then the route fails over", "[router]") {
  router_fixture f;
  f.provider("a",
             {failure(attempt_outcome::server_error), failure(attempt_outcome::timeout),
              failure(attempt_outcome::rate_limited)});
  f.provider("b");
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto router = f.start();
  auto response = f.ask(router);
  REQUIRE(response);
  CHECK(response->provider == "b");
  CHECK(f.seen("a") == 3); // the first try and max_retries = 2 retries
  CHECK(f.seen("b") == 1);
  REQUIRE(response->attempts.size() == 4);
  CHECK(response->attempts[0].outcome == "server_error");
  CHECK(response->attempts[3].outcome == "ok");
  // Failed attempts release their reservations: only b's call is charged.
  CHECK(f.books("run:r1").spent_usd == Approx(0.00002 + 0.0001));
  CHECK(f.books("run:r1").reserved_usd == 0.0);
  auto events = f.events();
  CHECK(test::count_kind(events, "retry") == 2);
  CHECK(test::count_kind(events, "failover") == 1);
}

TEST_CASE("a bad request fails at once; auth failures fail over", "[router]") {
  router_fixture f;
  f.provider("a", {failure(attempt_outcome::bad_request, "unknown parameter 'foo'"),
                   failure(attempt_outcome::auth_failed, "invalid key")});
  f.provider("b");
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto router = f.start();
  auto first = f.ask(router);
  REQUIRE(!first);
  CHECK(has_code(first.error(), errc::model_failed));
  CHECK_THAT(describe(first.error()), Catch::Contains("unknown parameter 'foo'"));
  CHECK(f.seen("b") == 0);
  auto second = f.ask(router);
  REQUIRE(second);
  CHECK(second->provider == "b");
  CHECK(f.seen("a") == 2); // auth failures are not retried
}

TEST_CASE("when every target fails the error tells each one's story", "[router]") {
  router_fixture f;
  f.models.retry.max_retries = 0;
  f.provider("a", {failure(attempt_outcome::server_error, "HTTP 503 overloaded")});
  f.provider("b", {failure(attempt_outcome::connection_failed, "connection refused")});
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto router = f.start();
  auto response = f.ask(router);
  REQUIRE(!response);
  CHECK(has_code(response.error(), errc::model_failed));
  auto text = describe(response.error());
  CHECK_THAT(text, Catch::Contains("route 'main'"));
  CHECK_THAT(text, Catch::Contains("a/big: server_error (HTTP 503 overloaded)"));
  CHECK_THAT(text, Catch::Contains("b/small: connection_failed (connection refused)"));
  auto events = f.events();
  REQUIRE(test::count_kind(events, "model_call") == 1);
  for (const auto& e : events)
    if (e.at("kind").as_string() == "model_call")
      CHECK(e.at("status").as_string() == "error");
}

TEST_CASE("an open breaker skips its target without a call", "[router]") {
  router_fixture f;
  f.models.retry.max_retries = 0;
  f.models.breaker.failure_threshold = 2;
  f.models.breaker.cooldown = std::chrono::hours{1};
  f.provider("a", {failure(attempt_outcome::server_error),
                   failure(attempt_outcome::server_error)});
  f.provider("b");
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto router = f.start();
  for (int i = 0; i < 5; ++i)
    REQUIRE(f.ask(router));
  CHECK(f.seen("a") == 2); // then the breaker opened
  CHECK(f.seen("b") == 5);
  auto events = f.events();
  CHECK(test::count_kind(events, "breaker") == 1);
}

TEST_CASE("a wrong_endpoint answer fails over at once and opens the breaker",
          "[router]") {
  router_fixture f;
  f.models.breaker.failure_threshold = 2;
  f.models.breaker.cooldown = std::chrono::hours{1};
  f.provider("a", {failure(attempt_outcome::wrong_endpoint, "text/html, not JSON"),
                   failure(attempt_outcome::wrong_endpoint, "text/html, not JSON")});
  f.provider("b");
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto router = f.start();
  auto first = f.ask(router);
  REQUIRE(first);
  CHECK(first->provider == "b");
  REQUIRE(first->attempts.size() == 2); // no retry of a
  CHECK(first->attempts[0].outcome == "wrong_endpoint");
  for (int i = 0; i < 3; ++i)
    REQUIRE(f.ask(router));
  CHECK(f.seen("a") == 2); // then the breaker opened
  CHECK(test::count_kind(f.events(), "retry") == 0);
}

TEST_CASE("a context_length failure moves to a target with a larger window", "[router]") {
  router_fixture f;
  f.provider("a", {failure(attempt_outcome::context_length, "too long")});
  f.provider("b");
  f.provider("c");
  f.route(
      "fallback",
      {{"a", "big", 1.0, 8000}, {"b", "small", 1.0, 4000}, {"c", "huge", 1.0, 128000}});
  auto router = f.start();
  auto response = f.ask(router);
  REQUIRE(response);
  CHECK(response->provider == "c");
  CHECK(f.seen("b") == 0); // its window is smaller than the one that failed
}

TEST_CASE("the cache answers a repeated request without a call", "[router]") {
  router_fixture f;
  f.models.cache.enabled = true;
  f.provider("a");
  f.route("fallback", {{"a", "big"}});
  auto router = f.start();
  auto first = f.ask(router);
  auto second = f.ask(router);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(!first->cached);
  CHECK(second->cached);
  CHECK(second->text == first->text);
  CHECK(second->cost_usd == 0.0);
  CHECK(f.seen("a") == 1);
  CHECK(f.books("run:r1").spent_calls == 1);
  CHECK(test::count_kind(f.events(), "cache_hit") == 1);
}

TEST_CASE("a budget refusal falls through to a target that fits, or fails the call",
          "[router][budget]") {
  router_fixture f;
  f.provider("a");
  f.provider("b");
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto router = f.start();
  // Worst case at a: (~48 input bytes + 100) tokens at $10/$30 per M is about
  // $0.0035; at b about $0.00025. A cap of $0.001 lets only b through.
  f.self->send(f.budget, budget_caps{{{"run:r1", "usd", 0.001}}});
  auto response = f.ask(router);
  REQUIRE(response);
  CHECK(response->provider == "b");
  CHECK(f.seen("a") == 0);
  f.self->send(f.budget, budget_caps{{{"run:r2", "calls", 0.0}}});
  auto refused = f.ask(router, router_fixture::request("r2"));
  REQUIRE(!refused);
  CHECK(has_code(refused.error(), errc::budget_exceeded));
  CHECK_THAT(describe(refused.error()), Catch::Contains("run 'r2'"));
  CHECK(test::count_kind(f.events(), "budget_refused") >= 2);
}

TEST_CASE("300 concurrent calls never spend past the cap", "[router][budget]") {
  router_fixture f;
  f.provider("a");
  f.route("fallback", {{"a", "big"}});
  auto router = f.start();
  const double cap = 0.30;
  f.self->send(f.budget, budget_caps{{{"run:r1", "usd", cap}}});
  for (int i = 0; i < 300; ++i) {
    auto req = router_fixture::request();
    req.messages[0].content += " #" + std::to_string(i);
    f.self->send(router, std::move(req));
  }
  int ok = 0;
  int refused = 0;
  double charged = 0;
  for (int i = 0; i < 300; ++i)
    f.self->receive([&](model_response& r) { ++ok, charged += r.cost_usd; },
                    [&](caf::error& err) {
                      CHECK(has_code(err, errc::budget_exceeded));
                      ++refused;
                    },
                    caf::after(10s) >> [&] { FAIL("a call never returned"); });
  CHECK(ok + refused == 300);
  CHECK(ok > 0);
  CHECK(refused > 0);
  auto books = f.books("run:r1");
  CHECK(books.spent_usd <= cap);
  CHECK(books.spent_usd == Approx(charged));
  CHECK(books.reserved_usd == 0.0);
  // The trace's costs add up to the ledger's.
  double traced = 0;
  for (const auto& e : f.events())
    if (e.at("kind").as_string() == "model_call")
      traced += e.at("cost_usd").to_number<double>();
  CHECK(traced == Approx(books.spent_usd));
}

TEST_CASE("an unknown route is a clear error", "[router]") {
  router_fixture f;
  f.provider("a");
  f.route("fallback", {{"a", "big"}});
  auto router = f.start(false);
  auto req = router_fixture::request();
  req.route = "nope";
  auto response = f.ask(router, req);
  REQUIRE(!response);
  CHECK_THAT(describe(response.error()), Catch::Contains("unknown route 'nope'"));
}

namespace {

/// A provider that takes requests and never answers.
struct silent_state {
  std::vector<caf::typed_response_promise<attempt_result>> held;
};

provider_actor::behavior_type
silent_provider(provider_actor::stateful_pointer<silent_state> self) {
  return {
      [=](model_request&) -> caf::result<attempt_result> {
        self->state.held.push_back(self->make_response_promise<attempt_result>());
        return self->state.held.back();
      },
  };
}

} // namespace

TEST_CASE("a call in flight when the router stops is charged its worst case",
          "[router][budget]") {
  router_fixture f;
  f.provider("a");
  f.route("fallback", {{"a", "big"}});
  auto silent = f.ts.sys.spawn(silent_provider);
  model_router_config cfg;
  cfg.models = f.models;
  cfg.providers["a"] = silent;
  cfg.trace = f.trace;
  cfg.budget = f.budget;
  cfg.pricing = f.pricing;
  auto router = f.ts.sys.spawn(model_router, std::move(cfg));
  f.self->send(router, router_fixture::request());
  // The reservation is held while the call is out.
  for (int i = 0; i < 100 && f.books("run:r1").reserved_usd == 0.0; ++i)
    std::this_thread::sleep_for(1ms);
  auto held = f.books("run:r1").reserved_usd;
  REQUIRE(held > 0.0);
  f.self->send_exit(router, caf::exit_reason::user_shutdown);
  f.self->receive([](model_response&) { FAIL("no answer was expected"); },
                  [](caf::error& err) { CHECK(has_code(err, errc::model_failed)); },
                  caf::after(5s) >> [] { FAIL("the caller was left waiting"); });
  auto books = f.books("run:r1");
  CHECK(books.spent_usd == Approx(held));
  CHECK(books.reserved_usd == 0.0);
  bool traced = false;
  for (const auto& e : f.events())
    if (e.at("kind") == "model_call") {
      CHECK(e.at("status") == "abandoned");
      CHECK(e.at("cost_usd").to_number<double>() == Approx(held));
      traced = true;
    }
  CHECK(traced);
  f.self->send_exit(silent, caf::exit_reason::user_shutdown);
}

TEST_CASE("a provider silent past its timeout and grace counts as a timeout",
          "[router][timeout]") {
  router_fixture f;
  f.provider("a");
  f.provider("b");
  f.models.providers["a"].timeout = 30ms;
  f.models.retry.max_retries = 0;
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  f.providers["a"] = caf::actor_cast<caf::actor>(f.ts.sys.spawn(silent_provider));
  auto cfg = f.config();
  cfg.provider_grace = 20ms;
  cfg.deadline_sweep = 10ms;
  auto router = f.start(std::move(cfg));
  auto started = std::chrono::steady_clock::now();
  auto response = f.ask(router);
  REQUIRE(response);
  CHECK(response->text == "answer from b (small)");
  // Not before the timeout and grace; the sweep adds at most its period.
  CHECK(std::chrono::steady_clock::now() - started >= 50ms);
  REQUIRE(response->attempts.size() == 2);
  CHECK(response->attempts[0].outcome == "timeout");
  CHECK_THAT(response->attempts[0].error, Catch::Contains("within its timeout"));
  // The reservation of the silent attempt was released.
  CHECK(f.books("run:r1").reserved_usd == 0.0);
}

TEST_CASE("the in-process provider has no deadline: a slow one is waited for",
          "[router][timeout]") {
  router_fixture f;
  f.provider("a");
  f.models.providers["a"].type = "local";
  f.models.providers["a"].timeout = 10ms;
  f.route("fallback", {{"a", "big"}});
  f.providers["a"] = caf::actor_cast<caf::actor>(f.ts.sys.spawn(silent_provider));
  auto cfg = f.config();
  cfg.provider_grace = 10ms;
  cfg.deadline_sweep = 5ms;
  auto router = f.start(std::move(cfg));
  // Well past timeout and grace, the call is still waiting, not failed.
  caf::error outcome;
  f.self->request(router, 300ms, router_fixture::request())
      .receive([](model_response&) { FAIL("the silent provider answered"); },
               [&](caf::error& err) { outcome = err; });
  CHECK(outcome == caf::sec::request_timeout);
}

TEST_CASE("over its rate limit a target spills to the next one, or waits",
          "[router][rate]") {
  router_fixture f;
  f.provider("a");
  f.provider("b");
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto& spec = f.models.providers["a"];
  spec.requests_per_minute = 120; // a bucket of 120, refilled at 2 per second
  SECTION("spill at once") {
    spec.when_limited = "next";
    auto router = f.start();
    f.ask_all(router, 122);
    CHECK(f.seen("a") == 120);
    CHECK(f.seen("b") == 2);
  }
  SECTION("wait in a bounded queue") {
    spec.when_limited = "wait";
    spec.max_queue_wait = std::chrono::seconds{5};
    auto router = f.start();
    auto start = std::chrono::steady_clock::now();
    f.ask_all(router, 122);
    CHECK(f.seen("a") == 122);
    CHECK(f.seen("b") == 0);
    // Two more requests at 2 per second: the last waited about a second.
    CHECK(std::chrono::steady_clock::now() - start >= 900ms);
  }
  SECTION("a queue wait over the bound spills") {
    spec.when_limited = "wait";
    spec.max_queue_wait = 100ms;
    auto router = f.start();
    f.ask_all(router, 122);
    CHECK(f.seen("a") == 120);
    CHECK(f.seen("b") == 2);
  }
}

TEST_CASE("limits a provider reports in its headers hold back the next request",
          "[router][rate]") {
  router_fixture f;
  attempt_result last_one;
  last_one.text = "ok";
  last_one.remaining_requests = 0;
  last_one.limit_reset_ms = 60000;
  f.provider("a", {last_one});
  f.provider("b");
  f.models.providers["a"].when_limited = "next";
  f.route("fallback", {{"a", "big"}, {"b", "small"}});
  auto router = f.start();
  REQUIRE(f.ask(router)->provider == "a");
  auto second = f.ask(router);
  REQUIRE(second);
  CHECK(second->provider == "b");
  CHECK(f.seen("a") == 1); // no call the provider would have refused
}

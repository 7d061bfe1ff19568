#include "bench/support/router_path.hpp"

#include "bench/support/null_trace.hpp"
#include "runtime/model/budget/budget_guard.hpp"
#include "runtime/model/router/model_router.hpp"

namespace troupe::bench {

namespace {

constexpr const char* run_id = "bench";
constexpr const char* model_name = "bench-model";
constexpr double huge_cap_usd = 1e9;

models_spec one_route(const provider_spec& spec) {
  models_spec models;
  models.providers[spec.name] = spec;
  route_spec route;
  route.name = "main";
  route.targets.push_back({spec.name, model_name});
  models.routes["main"] = route;
  return models;
}

/// A budget guard holding a cap for the run, so every reserve checks one.
budget_guard_actor spawn_capped_guard(caf::actor_system& sys) {
  auto guard = sys.spawn(budget_guard);
  caf::anon_send(guard,
                 budget_caps{{{std::string{"run:"} + run_id, "usd", huge_cap_usd}}});
  return guard;
}

} // namespace

router_path::router_path(caf::actor_system& sys, provider_actor provider,
                         provider_spec spec, router_parts parts)
    : sys_(sys) {
  model_router_config cfg;
  cfg.models = one_route(spec);
  cfg.use_cache = parts.cache; // as --no-cache does
  cfg.providers[spec.name] = std::move(provider);
  cfg.pricing.set(spec.name, model_name, {0.15, 0.60});
  if (parts.budget)
    budget_ = spawn_capped_guard(sys);
  if (parts.trace)
    trace_ = spawn_null_trace(sys);
  cfg.budget = budget_;
  cfg.trace = trace_;
  cfg.seed = 7;
  router_ = model_actor{sys.spawn(model_router, std::move(cfg))};
}

router_path::~router_path() {
  caf::anon_send_exit(router_, caf::exit_reason::user_shutdown);
  if (budget_)
    caf::anon_send_exit(budget_, caf::exit_reason::user_shutdown);
  if (trace_)
    caf::anon_send_exit(trace_, caf::exit_reason::user_shutdown);
}

int64_t router_path::drain_trace() {
  return trace_ ? bench::drain_trace(sys_, trace_) : 0;
}

std::vector<model_request> distinct_requests(std::size_t n, std::size_t first) {
  std::vector<model_request> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& r = out[i];
    r.run_id = run_id;
    r.agent_id = "summarize";
    r.parent_span = "run/summarize#1/t" + std::to_string(first + i);
    r.route = "main";
    r.operation = "summarize";
    r.max_tokens = 160;
    r.messages = {{"system", "You condense one source into three findings."},
                  {"user", "Question: how do sodium batteries age?\nSource " +
                               std::to_string(first + i) +
                               ": Sodium-ion cells lose capacity mostly through "
                               "electrolyte decomposition at the anode."}};
  }
  return out;
}

} // namespace troupe::bench

#include "runtime/orchestrator/model_services.hpp"

#include "runtime/errors.hpp"
#include "runtime/model/budget/budget_guard.hpp"
#include "runtime/model/provider/local_provider.hpp"

#include <algorithm>
#include <caf/actor_pool.hpp>
#include <functional>
#include <thread>

namespace troupe {

namespace {

/// The offline model, as a round-robin pool of one stateless actor per
/// core: one actor would answer the calls of every run one at a time.
provider_actor spawn_local_pool(caf::actor_system& sys) {
  auto workers = std::max(1u, std::thread::hardware_concurrency());
  auto pool = caf::actor_pool::make(
      sys.dummy_execution_unit(), workers,
      [&sys] { return caf::actor_cast<caf::actor>(sys.spawn(local_provider)); },
      caf::actor_pool::round_robin());
  return caf::actor_cast<provider_actor>(pool);
}

void add_caps(budget_caps& out, const std::string& scope, const budget_limit& limit) {
  if (limit.usd)
    out.caps.push_back({scope, "usd", *limit.usd});
  if (limit.tokens)
    out.caps.push_back({scope, "tokens", static_cast<double>(*limit.tokens)});
  if (limit.calls)
    out.caps.push_back({scope, "calls", static_cast<double>(*limit.calls)});
}

} // namespace

model_services start_model_services(caf::actor_system& sys, std::size_t file_writers) {
  model_services services;
  services.transport = std::make_shared<http_transport>();
  services.budget = sys.spawn(budget_guard);
  services.local = spawn_local_pool(sys);
  for (std::size_t i = 0; i < std::max<std::size_t>(1, file_writers); ++i)
    services.writers.push_back(sys.spawn<caf::detached>(atomic_file_writer));
  services.tools = std::make_shared<tool_instances>();
  services.prices = std::make_shared<pricing_tables>();
  return services;
}

const atomic_file_writer_actor& writer_for(const model_services& services,
                                           const std::string& path) {
  return services.writers[std::hash<std::string>{}(path) % services.writers.size()];
}

void stop_model_services(model_services& services) {
  caf::anon_send_exit(services.budget, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(services.local, caf::exit_reason::user_shutdown);
  for (auto& writer : services.writers)
    caf::anon_send_exit(writer, caf::exit_reason::user_shutdown);
  if (services.tools)
    services.tools->stop_all();
  services.transport.reset();
}

budget_caps caps_of(const budget_spec& budget, const std::string& run_id) {
  budget_caps out;
  add_caps(out, "run:" + run_id, budget.run);
  for (const auto& [agent, limit] : budget.agents)
    add_caps(out, "agent:" + run_id + "/" + agent, limit);
  for (const auto& [provider, limit] : budget.providers)
    add_caps(out, "provider:" + run_id + "/" + provider, limit);
  return out;
}

caf::expected<pricing_table> load_pricing(pricing_tables& tables,
                                          const models_spec& models) {
  auto loaded = tables.load(models.pricing_file);
  if (auto* errors = std::get_if<std::vector<config_error>>(&loaded)) {
    std::string text;
    for (const auto& err : *errors)
      text += (text.empty() ? "" : "\n") + err.to_string();
    return make_error(errc::invalid_input, "the pricing table cannot be read:\n" + text);
  }
  auto table = std::get<pricing_table>(std::move(loaded));
  for (const auto& [key, price] : models.prices) {
    auto slash = key.find('/');
    table.set(key.substr(0, slash), key.substr(slash + 1), price);
  }
  return table;
}

} // namespace troupe

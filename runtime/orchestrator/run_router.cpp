#include "runtime/orchestrator/run_router.hpp"

#include "runtime/model/provider/http_provider.hpp"
#include "runtime/model/router/model_router.hpp"

namespace troupe {

namespace {

/// The providers of the run's configuration: the shared offline one, and
/// an HTTP provider actor per remote endpoint.
std::map<std::string, provider_actor>
spawn_providers(caf::actor_system& sys, const models_spec& models,
                const model_services& shared, std::vector<caf::actor_addr>& owned) {
  std::map<std::string, provider_actor> out;
  for (const auto& [name, provider] : models.providers) {
    if (provider.type == "local") {
      out.emplace(name, shared.local);
      continue;
    }
    auto actor = sys.spawn(http_provider, provider, shared.transport);
    owned.push_back(actor.address());
    out.emplace(name, provider_actor{actor});
  }
  return out;
}

} // namespace

caf::expected<model_actor> spawn_run_router(caf::actor_system& sys,
                                            const models_spec& models,
                                            const model_services& shared,
                                            const run_router_terms& terms,
                                            std::vector<caf::actor_addr>& owned) {
  auto pricing = load_pricing(*shared.prices, models);
  if (!pricing)
    return pricing.error();
  model_router_config cfg;
  cfg.models = models;
  cfg.providers = spawn_providers(sys, models, shared, owned);
  cfg.budget = terms.budget;
  cfg.trace = terms.trace;
  cfg.pricing = std::move(*pricing);
  cfg.capture_content = terms.capture_content;
  cfg.use_cache = terms.use_cache;
  // A cache kept on disk is read and written by the router itself (SQLite):
  // that router gets a thread of its own so no scheduler thread waits on
  // the disk.
  auto on_disk =
      cfg.use_cache && cfg.models.cache.enabled && !cfg.models.cache.path.empty();
  auto router = on_disk ? sys.spawn<caf::detached>(model_router, std::move(cfg))
                        : sys.spawn(model_router, std::move(cfg));
  owned.push_back(router.address());
  return model_actor{router};
}

} // namespace troupe

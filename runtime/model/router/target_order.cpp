#include "runtime/model/router/target_order.hpp"

#include "runtime/model/budget/token_estimate.hpp"

namespace troupe {

std::string breaker_key(const target_spec& target) {
  return target.provider + "/" + target.model;
}

std::optional<model_price> price_of(const pricing_table& pricing,
                                    const models_spec& models,
                                    const target_spec& target) {
  if (auto price = pricing.find(target.provider, target.model))
    return price;
  auto provider = models.providers.find(target.provider);
  if (provider == models.providers.end() || provider->second.type == target.provider)
    return std::nullopt;
  return pricing.find(provider->second.type, target.model);
}

namespace {

bool breaker_open(const std::map<std::string, circuit_breaker>& breakers,
                  const target_spec& target, circuit_breaker::time_point now) {
  auto found = breakers.find(breaker_key(target));
  return found != breakers.end() &&
         found->second.current(now) == circuit_breaker::state::open;
}

} // namespace

std::vector<std::size_t>
order_targets(const route_spec& route, const model_request& request,
              const pricing_table& pricing, const models_spec& models,
              route_strategy& strategy,
              const std::map<std::string, circuit_breaker>& breakers,
              circuit_breaker::time_point now, random_source& rng) {
  auto input = estimated_input_tokens(request);
  std::vector<target_view> views;
  for (std::size_t i = 0; i < route.targets.size(); ++i) {
    const auto& target = route.targets[i];
    if (breaker_open(breakers, target, now))
      continue;
    target_view view{i, &target};
    if (auto price = price_of(pricing, models, target))
      view.expected_cost_usd = pricing_table::cost(*price, input, request.max_tokens);
    view.fits_context =
        target.context_window <= 0 || input + request.max_tokens <= target.context_window;
    views.push_back(view);
  }
  return strategy.order(views, rng);
}

} // namespace troupe

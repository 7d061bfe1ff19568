#include "runtime/scenario/providers_file.hpp"

#include "runtime/scenario/budget_reader.hpp"
#include "runtime/scenario/models_reader.hpp"

#include <algorithm>
#include <optional>

namespace troupe {

namespace {

template <class T>
std::optional<T> lower(const std::optional<T>& a, const std::optional<T>& b) {
  if (a && b)
    return std::min(*a, *b);
  return a ? a : b;
}

budget_limit tighter(const budget_limit& a, const budget_limit& b) {
  return {lower(a.usd, b.usd), lower(a.tokens, b.tokens), lower(a.calls, b.calls)};
}

} // namespace

providers_file providers_file::read(load_context& ctx, const boost::json::object& root) {
  auto keys = models_reader::member_keys();
  keys.push_back("budget");
  ctx.check_keys(root, "", keys);
  providers_file result;
  for (const auto& member : root)
    if (std::find(keys.begin(), keys.end(), member.key()) != keys.end())
      result.sections.emplace_back(member.key());
  result.models = models_reader{ctx}.read_members(root, "");
  auto providers = result.provider_names();
  // Routes may name `local` without declaring it; so may budget caps.
  if (result.models.providers.count("local") == 0)
    providers.push_back("local");
  result.budget = budget_reader{ctx, providers}.read(root);
  return result;
}

std::vector<std::string> providers_file::provider_names() const {
  std::vector<std::string> names;
  for (const auto& provider : models.providers)
    names.push_back(provider.first);
  return names;
}

bool providers_file::gives(const std::string& section) const {
  return std::find(sections.begin(), sections.end(), section) != sections.end();
}

void providers_file::merge_into(models_spec& target) const {
  for (const auto& provider : models.providers)
    target.providers.insert_or_assign(provider.first, provider.second);
  for (const auto& route : models.routes)
    target.routes.insert_or_assign(route.first, route.second);
  for (const auto& price : models.prices)
    target.prices.insert_or_assign(price.first, price.second);
  if (gives("retry"))
    target.retry = models.retry;
  if (gives("breaker"))
    target.breaker = models.breaker;
  if (gives("cache"))
    target.cache = models.cache;
  if (!models.pricing_file.empty())
    target.pricing_file = models.pricing_file;
}

void providers_file::merge_into(budget_spec& target) const {
  target.run = tighter(target.run, budget.run);
  for (const auto& scope : budget.providers)
    target.providers[scope.first] = tighter(target.providers[scope.first], scope.second);
}

} // namespace troupe

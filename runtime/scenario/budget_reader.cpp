#include "runtime/scenario/budget_reader.hpp"

#include "runtime/scenario/config_fields.hpp"
#include "runtime/scenario/did_you_mean.hpp"

#include <algorithm>

namespace troupe {

namespace json = boost::json;

namespace {

constexpr const char* budget_at = "/budget";

/// The most a cap can be: beyond any real run, small enough to add up safely.
constexpr double most_usd = 1e9;
constexpr int64_t most_count = 1'000'000'000'000'000;

} // namespace

budget_reader::budget_reader(load_context& ctx, std::vector<std::string> agent_ids,
                             std::vector<std::string> providers)
    : ctx_(ctx), agent_ids_(std::move(agent_ids)), providers_(std::move(providers)) {}

budget_reader::budget_reader(load_context& ctx, std::vector<std::string> providers)
    : ctx_(ctx), providers_(std::move(providers)) {}

budget_spec budget_reader::read(const json::object& root) {
  budget_spec budget;
  const auto* obj = ctx_.object_field(root, "", "budget");
  if (obj == nullptr)
    return budget;
  ctx_.check_keys(*obj, budget_at, {"run", "agents", "providers"});
  if (const auto* run = obj->if_contains("run"))
    budget.run = read_limit(*run, json_locator::child(budget_at, "run"));
  if (agent_ids_)
    read_scopes(*obj, "agents", *agent_ids_, "agent", budget.agents);
  else if (obj->contains("agents"))
    ctx_.at_key(json_locator::child(budget_at, "agents"),
                "a providers file cannot cap agents: it serves any scenario",
                "put per-agent caps in the scenario's \"budget\" section");
  read_scopes(*obj, "providers", providers_, "provider", budget.providers);
  return budget;
}

void budget_reader::read_scopes(const json::object& budget, const char* key,
                                const std::vector<std::string>& names, const char* kind,
                                std::map<std::string, budget_limit>& out) {
  const auto* scopes = ctx_.object_field(budget, budget_at, key);
  if (scopes == nullptr)
    return;
  auto at = json_locator::child(budget_at, key);
  for (const auto& member : *scopes) {
    std::string name{member.key()};
    auto scope_at = json_locator::child(at, name);
    if (std::find(names.begin(), names.end(), name) == names.end())
      ctx_.at_key(scope_at,
                  "budget for " + std::string{kind} + " '" + name +
                      "', which is not declared",
                  did_you_mean(name, names, "declared " + std::string{kind} + "s"));
    out.insert_or_assign(name, read_limit(member.value(), scope_at));
  }
}

budget_limit budget_reader::read_limit(const json::value& value,
                                       const std::string& pointer) {
  budget_limit limit;
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return limit;
  ctx_.check_keys(*obj, pointer, {"usd", "tokens", "calls"});
  limit.usd = read_usd(*obj, pointer);
  limit.tokens = read_count(*obj, pointer, "tokens", "200000");
  limit.calls = read_count(*obj, pointer, "calls", "100");
  return limit;
}

std::optional<double> budget_reader::read_usd(const json::object& limit,
                                              const std::string& pointer) {
  auto usd = ctx_.number_field(limit, pointer, "usd");
  if (!usd || (*usd >= 0 && *usd <= most_usd))
    return usd;
  auto at = json_locator::child(pointer, "usd");
  ctx_.at_value(at,
                load_context::path_of(at) + " must be from 0 to 1000000000, not " +
                    number_text(*usd),
                "an amount in US dollars, e.g. \"usd\": 0.50");
  return std::nullopt;
}

std::optional<int64_t> budget_reader::read_count(const json::object& limit,
                                                 const std::string& pointer,
                                                 const char* key, const char* example) {
  auto count = ctx_.integer_field(limit, pointer, key);
  if (!count || (*count >= 1 && *count <= most_count))
    return count;
  auto at = json_locator::child(pointer, key);
  ctx_.at_value(at,
                load_context::path_of(at) + " must be a whole number from 1 to " +
                    std::to_string(most_count) + ", not " + std::to_string(*count),
                "e.g. \"" + std::string{key} + "\": " + example +
                    "; leave the cap out for no limit");
  return std::nullopt;
}

} // namespace troupe

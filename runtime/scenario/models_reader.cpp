#include "runtime/scenario/models_reader.hpp"

#include "runtime/scenario/config_fields.hpp"
#include "runtime/scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace troupe {

namespace json = boost::json;

namespace {

using need = load_context::need;

const std::vector<std::string> provider_types{"anthropic", "local", "openai"};
const std::vector<std::string> provider_keys{"type",
                                             "base_url",
                                             "api_key_env",
                                             "headers",
                                             "anthropic_version",
                                             "timeout_seconds",
                                             "max_response_mb",
                                             "requests_per_minute",
                                             "tokens_per_minute",
                                             "when_limited",
                                             "max_queue_wait_seconds"};
// Keys under which people put the key itself; each gets the api_key_env hint
// instead of a did-you-mean.
const std::vector<std::string> secret_keys{"api_key", "apikey", "api-key",
                                           "key",     "token",  "secret"};
// Headers that carry credentials; the providers send those from api_key_env.
const std::vector<std::string> secret_headers{"authorization", "x-api-key", "api-key"};
const std::vector<std::string> limit_modes{"next", "wait"};
const std::vector<std::string> route_keys{"strategy", "targets", "exploration"};
const std::vector<std::string> shorthand_keys{"provider", "model", "context_window"};
const std::vector<std::string> target_keys{"provider", "model", "weight",
                                           "context_window"};

constexpr const char* local_provider = "local";
constexpr const char* local_model = "extractive-v1";
constexpr const char* anthropic_url = "https://api.anthropic.com/v1";
constexpr double hour = 3600;
constexpr double year = 365 * 24 * hour;
constexpr int64_t max_delay_ms = 3'600'000;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// Reported with a secret where a variable name belongs; the variable is
/// named after the provider, as "OPENAI_API_KEY" for "openai".
std::string key_hint(const std::string& provider) {
  std::string variable;
  for (unsigned char c : provider)
    variable += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return "put the key in an environment variable and name the variable instead: "
         "\"api_key_env\": \"" +
         variable + "_API_KEY\"";
}

/// The shapes of keys the providers issue ("sk-...", "sk-ant-..."), and
/// anything too long to be a variable name people type.
bool looks_like_key(const std::string& text) {
  constexpr size_t longest_name = 40;
  return text.rfind("sk-", 0) == 0 ||
         (text.size() > longest_name && text.find('_') == std::string::npos);
}

bool is_env_name(const std::string& name) {
  auto valid = [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; };
  return !name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) == 0 &&
         std::all_of(name.begin(), name.end(), valid);
}

/// An HTTP header name: an RFC 9110 token.
bool is_header_name(const std::string& name) {
  auto valid = [](unsigned char c) {
    return std::isalnum(c) != 0 || std::string_view{"!#$%&'*+-.^_`|~"}.find(
                                       static_cast<char>(c)) != std::string_view::npos;
  };
  return !name.empty() && std::all_of(name.begin(), name.end(), valid);
}

bool is_http_url(const std::string& url) {
  auto scheme = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
  auto printable = [](unsigned char c) { return c > ' ' && c < 127; };
  return scheme > 0 && url.size() > static_cast<size_t>(scheme) &&
         std::all_of(url.begin(), url.end(), printable);
}

/// Keys that only some provider types use; the rest apply to every type
/// that talks HTTP. The local provider is the built-in model: only `type`.
bool applies(const std::string& key, const std::string& type) {
  if (type == local_provider)
    return key == "type";
  return key != "anthropic_version" || type != "openai";
}

std::string inapplicable_hint(const std::string& type) {
  if (type == local_provider)
    return "the local provider is the built-in offline model and takes only \"type\"; "
           "for a local server (llama.cpp, Ollama, vLLM) use \"type\": \"openai\" "
           "with its \"base_url\"";
  return "only providers of type anthropic send an anthropic-version header";
}

} // namespace

models_reader::models_reader(load_context& ctx,
                             std::vector<std::string> outside_providers)
    : ctx_(ctx), outside_providers_(std::move(outside_providers)) {}

const std::vector<std::string>& models_reader::member_keys() {
  static const std::vector<std::string> keys{"providers", "routes", "retry",
                                             "breaker",   "cache",  "pricing"};
  return keys;
}

void models_reader::add_implicit(models_spec& models) {
  provider_spec local;
  local.name = local_provider;
  local.type = local_provider;
  models.providers.emplace(local.name, local);
  route_spec route;
  route.name = "default";
  route.targets.push_back({local_provider, local_model});
  models.routes.emplace(route.name, route);
}

models_spec models_reader::read(const json::object& root) {
  models_spec models;
  if (const auto* section = ctx_.object_field(root, "", "models")) {
    ctx_.check_keys(*section, "/models", member_keys());
    models = read_members(*section, "/models");
  }
  add_implicit(models);
  return models;
}

models_spec models_reader::read_members(const json::object& models,
                                        const std::string& pointer) {
  models_spec out;
  read_providers(models, pointer, out);
  read_routes(models, pointer, out);
  if (const auto* retry = ctx_.object_field(models, pointer, "retry"))
    out.retry = read_retry(*retry, json_locator::child(pointer, "retry"));
  if (const auto* breaker = ctx_.object_field(models, pointer, "breaker"))
    out.breaker = read_breaker(*breaker, json_locator::child(pointer, "breaker"));
  if (const auto* cache = ctx_.object_field(models, pointer, "cache"))
    out.cache = read_cache(*cache, json_locator::child(pointer, "cache"));
  if (const auto* pricing = ctx_.object_field(models, pointer, "pricing"))
    read_pricing(*pricing, json_locator::child(pointer, "pricing"), out);
  return out;
}

void models_reader::read_providers(const json::object& models, const std::string& pointer,
                                   models_spec& out) {
  known_providers_.clear();
  if (const auto* providers = ctx_.object_field(models, pointer, "providers")) {
    auto at = json_locator::child(pointer, "providers");
    for (const auto& member : *providers) {
      std::string name{member.key()};
      // Broken providers count as declared: routes naming them would only
      // repeat the error.
      known_providers_.push_back(name);
      out.providers.insert_or_assign(
          name, read_provider(name, member.value(), json_locator::child(at, name)));
    }
  }
  for (const auto& name : outside_providers_)
    if (!contains(known_providers_, name))
      known_providers_.push_back(name);
  if (!contains(known_providers_, local_provider))
    known_providers_.push_back(local_provider);
}

provider_spec models_reader::read_provider(const std::string& name,
                                           const json::value& value,
                                           const std::string& pointer) {
  provider_spec provider;
  provider.name = name;
  if (!load_context::is_plain_name(name))
    ctx_.at_key(pointer, "provider name '" + name + "' is not a plain name",
                "use only letters, digits, '_' and '-'; routes and prices name "
                "providers by it");
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return provider;
  read_type(*obj, pointer, provider);
  check_provider_keys(*obj, pointer, provider);
  if (provider.type == local_provider)
    return provider;
  read_base_url(*obj, pointer, provider);
  read_api_key_env(*obj, pointer, provider);
  read_headers(*obj, pointer, provider);
  read_rate_limits(*obj, pointer, provider);
  if (auto timeout = seconds_in(ctx_, *obj, pointer, "timeout_seconds", hour, "60"))
    provider.timeout = *timeout;
  if (auto mib = integer_in(ctx_, *obj, pointer, "max_response_mb", 1, 1024, "8"))
    provider.max_response_bytes = static_cast<std::size_t>(*mib) * 1024 * 1024;
  if (const auto* version = ctx_.string_field(*obj, pointer, "anthropic_version"))
    provider.anthropic_version = std::string{*version};
  return provider;
}

void models_reader::read_type(const json::object& obj, const std::string& pointer,
                              provider_spec& provider) {
  if (!obj.contains("type")) {
    ctx_.at_value(pointer, "provider '" + provider.name + "' has no \"type\"",
                  "add \"type\": one of anthropic, local, openai (openai also for "
                  "OpenAI-compatible servers)");
    return;
  }
  const auto* type = ctx_.string_field(obj, pointer, "type");
  if (type == nullptr)
    return;
  auto at = json_locator::child(pointer, "type");
  std::string name{*type};
  if (!contains(provider_types, name))
    ctx_.at_value(at, "unknown provider type '" + name + "'",
                  did_you_mean(name, provider_types, "provider types") +
                      "; openai also serves OpenAI-compatible servers such as "
                      "llama.cpp, Ollama and vLLM");
  else if (provider.name == local_provider && name != local_provider)
    ctx_.at_value(at,
                  "provider 'local' must have type local: the name is kept for the "
                  "built-in offline model",
                  "give this provider another name, e.g. \"local_server\"");
  else
    provider.type = name;
}

void models_reader::check_provider_keys(const json::object& obj,
                                        const std::string& pointer,
                                        const provider_spec& provider) {
  for (const auto& member : obj) {
    std::string key{member.key()};
    auto at = json_locator::child(pointer, key);
    if (contains(secret_keys, lowercase(key)))
      ctx_.at_key(at,
                  "provider '" + provider.name + "' has \"" + key +
                      "\": API keys must not be written into configuration files",
                  key_hint(provider.name));
    else if (!contains(provider_keys, key))
      ctx_.at_key(at, "unknown key '" + key + "' in " + load_context::path_of(pointer),
                  did_you_mean(key, provider_keys, "allowed keys"));
    else if (!applies(key, provider.type))
      ctx_.at_key(at,
                  "\"" + key + "\" does not apply to provider '" + provider.name +
                      "' of type " + provider.type,
                  inapplicable_hint(provider.type));
  }
}

void models_reader::read_base_url(const json::object& obj, const std::string& pointer,
                                  provider_spec& provider) {
  if (!obj.contains("base_url")) {
    // OpenAI's API is one of many that speak its protocol: guessing it would
    // send the prompts of a scenario meant for a local server to OpenAI.
    if (provider.type == "anthropic")
      provider.base_url = anthropic_url;
    else if (provider.type == "openai")
      ctx_.at_value(pointer,
                    "provider '" + provider.name + "' (type openai) has no \"base_url\"",
                    "add \"base_url\": \"https://api.openai.com/v1\" for OpenAI, or "
                    "your server's address, e.g. \"http://127.0.0.1:8080/v1\"");
    return;
  }
  const auto* url = ctx_.string_field(obj, pointer, "base_url");
  if (url == nullptr)
    return;
  std::string text{*url};
  if (!is_http_url(text)) {
    ctx_.at_value(json_locator::child(pointer, "base_url"),
                  "base_url of provider '" + provider.name +
                      "' must be an http:// or https:// URL, not '" + text + "'",
                  "e.g. \"https://api.openai.com/v1\"");
    return;
  }
  // Providers append paths such as "/chat/completions".
  while (text.back() == '/')
    text.pop_back();
  provider.base_url = text;
}

void models_reader::read_api_key_env(const json::object& obj, const std::string& pointer,
                                     provider_spec& provider) {
  const auto* variable = ctx_.string_field(obj, pointer, "api_key_env");
  if (variable == nullptr)
    return;
  std::string name{*variable};
  auto at = json_locator::child(pointer, "api_key_env");
  // The message never repeats the value: it may be a live key.
  if (looks_like_key(name))
    ctx_.at_value(at,
                  "api_key_env of provider '" + provider.name +
                      "' looks like an API key, not the name of an environment "
                      "variable",
                  key_hint(provider.name) +
                      "; remove the key from this file and revoke it if the file was "
                      "shared");
  else if (!is_env_name(name))
    ctx_.at_value(at,
                  "api_key_env of provider '" + provider.name + "' is '" + name +
                      "', not an environment variable name",
                  "use letters, digits and '_', not starting with a digit, e.g. "
                  "\"OPENAI_API_KEY\"; leave it out if the server needs no key");
  else
    provider.api_key_env = name;
}

void models_reader::read_headers(const json::object& obj, const std::string& pointer,
                                 provider_spec& provider) {
  const auto* headers = ctx_.object_field(obj, pointer, "headers");
  if (headers == nullptr)
    return;
  auto headers_at = json_locator::child(pointer, "headers");
  for (const auto& member : *headers) {
    std::string name{member.key()};
    auto at = json_locator::child(headers_at, name);
    const auto* value = ctx_.string_field(*headers, headers_at, name);
    if (!is_header_name(name))
      ctx_.at_key(at, "'" + name + "' is not a valid HTTP header name",
                  "use letters, digits and '-', e.g. \"OpenAI-Organization\"");
    else if (contains(secret_headers, lowercase(name)))
      ctx_.at_key(at,
                  "header '" + name + "' of provider '" + provider.name +
                      "' would write a key into the file",
                  key_hint(provider.name) + "; the provider sends it in this header");
    else if (value != nullptr && value->find_first_of("\r\n") != json::string::npos)
      ctx_.at_value(at, "header '" + name + "' has a line break in its value",
                    "write the value on one line");
    else if (value != nullptr)
      provider.headers.emplace_back(name, std::string{*value});
  }
}

void models_reader::read_rate_limits(const json::object& obj, const std::string& pointer,
                                     provider_spec& provider) {
  constexpr int64_t most_requests = 1'000'000'000;
  constexpr int64_t most_tokens = 1'000'000'000'000;
  if (auto rpm =
          integer_in(ctx_, obj, pointer, "requests_per_minute", 1, most_requests, "500"))
    provider.requests_per_minute = *rpm;
  if (auto tpm =
          integer_in(ctx_, obj, pointer, "tokens_per_minute", 1, most_tokens, "200000"))
    provider.tokens_per_minute = *tpm;
  if (auto wait = seconds_in(ctx_, obj, pointer, "max_queue_wait_seconds", hour, "30"))
    provider.max_queue_wait = *wait;
  const auto* mode = ctx_.string_field(obj, pointer, "when_limited");
  if (mode == nullptr)
    return;
  std::string name{*mode};
  if (contains(limit_modes, name))
    provider.when_limited = name;
  else
    ctx_.at_value(json_locator::child(pointer, "when_limited"),
                  "when_limited of provider '" + provider.name +
                      "' must be \"wait\" or \"next\", not '" + name + "'",
                  did_you_mean(name, limit_modes, "choices"));
}

void models_reader::read_routes(const json::object& models, const std::string& pointer,
                                models_spec& out) {
  const auto* routes = ctx_.object_field(models, pointer, "routes");
  if (routes == nullptr)
    return;
  auto at = json_locator::child(pointer, "routes");
  for (const auto& member : *routes) {
    std::string name{member.key()};
    out.routes.insert_or_assign(
        name, read_route(name, member.value(), json_locator::child(at, name)));
  }
}

route_spec models_reader::read_route(const std::string& name, const json::value& value,
                                     const std::string& pointer) {
  route_spec route;
  route.name = name;
  if (!load_context::is_plain_name(name))
    ctx_.at_key(pointer, "route name '" + name + "' is not a plain name",
                "use only letters, digits, '_' and '-'");
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return route;
  bool shorthand = (obj->contains("provider") || obj->contains("model")) &&
                   !obj->contains("targets") && !obj->contains("strategy");
  if (shorthand) {
    ctx_.check_keys(*obj, pointer, shorthand_keys);
    route.targets.push_back(read_target(*obj, pointer, route));
    return route;
  }
  ctx_.check_keys(*obj, pointer, route_keys);
  read_strategy(*obj, pointer, route);
  read_targets(*obj, pointer, route);
  read_exploration(*obj, pointer, route);
  return route;
}

void models_reader::read_strategy(const json::object& obj, const std::string& pointer,
                                  route_spec& route) {
  const auto* strategy = ctx_.string_field(obj, pointer, "strategy");
  if (strategy == nullptr)
    return;
  // Kept even when unknown: the checks that depend on the strategy then
  // stay quiet instead of guessing.
  route.strategy = std::string{*strategy};
  if (!contains(known_route_strategies(), route.strategy))
    ctx_.at_value(json_locator::child(pointer, "strategy"),
                  "unknown route strategy '" + route.strategy + "'",
                  did_you_mean(route.strategy, known_route_strategies(), "strategies"));
}

void models_reader::read_targets(const json::object& obj, const std::string& pointer,
                                 route_spec& route) {
  if (!obj.contains("targets")) {
    ctx_.at_value(pointer, "route '" + route.name + "' has no \"targets\"",
                  "add \"targets\": [{\"provider\": \"local\", \"model\": "
                  "\"extractive-v1\"}], or write one target as the route: "
                  "{\"provider\": ..., \"model\": ...}");
    return;
  }
  const auto* targets = ctx_.array_field(obj, pointer, "targets");
  if (targets == nullptr)
    return;
  auto at = json_locator::child(pointer, "targets");
  if (targets->empty())
    ctx_.at_value(at, "route '" + route.name + "' has no targets",
                  "list at least one, e.g. [{\"provider\": \"local\", \"model\": "
                  "\"extractive-v1\"}]");
  for (size_t i = 0; i < targets->size(); ++i) {
    auto target_at = json_locator::child(at, i);
    const auto* target = ctx_.as_object((*targets)[i], target_at);
    if (target == nullptr)
      continue;
    ctx_.check_keys(*target, target_at, target_keys);
    route.targets.push_back(read_target(*target, target_at, route));
    read_weight(*target, target_at, route, route.targets.back());
  }
}

target_spec models_reader::read_target(const json::object& obj,
                                       const std::string& pointer,
                                       const route_spec& route) {
  target_spec target;
  if (const auto* provider =
          ctx_.string_field(obj, pointer, "provider", need::required)) {
    target.provider = std::string{*provider};
    check_provider_known(target.provider, json_locator::child(pointer, "provider"),
                         route.name);
  }
  read_model(obj, pointer, route, target);
  if (auto window =
          integer_in(ctx_, obj, pointer, "context_window", 0, 1'000'000'000, "128000"))
    target.context_window = *window;
  return target;
}

void models_reader::read_model(const json::object& obj, const std::string& pointer,
                               const route_spec& route, target_spec& target) {
  const auto* model = ctx_.string_field(obj, pointer, "model", need::required);
  if (model == nullptr)
    return;
  target.model = std::string{*model};
  auto at = json_locator::child(pointer, "model");
  if (target.model.empty())
    ctx_.at_value(at, "route '" + route.name + "' names an empty model",
                  "name the model as the provider knows it, e.g. \"gpt-4o-mini\"");
  else if (target.provider == local_provider && target.model != local_model)
    ctx_.at_value(at, "the local provider has no model '" + target.model + "'",
                  "its one model is \"extractive-v1\"");
}

void models_reader::read_weight(const json::object& obj, const std::string& pointer,
                                const route_spec& route, target_spec& target) {
  auto weight = number_in(ctx_, obj, pointer, "weight", {0, 1e6, true}, "3");
  if (!weight)
    return;
  target.weight = *weight;
  if (contains(known_route_strategies(), route.strategy) && route.strategy != "weighted")
    ctx_.at_key(json_locator::child(pointer, "weight"),
                "a weight does nothing on route '" + route.name +
                    "', whose strategy is " + route.strategy,
                "add \"strategy\": \"weighted\" to the route, or remove the weight");
}

void models_reader::read_exploration(const json::object& obj, const std::string& pointer,
                                     route_spec& route) {
  auto share = number_in(ctx_, obj, pointer, "exploration", {0, 1, false}, "0.05");
  if (!share)
    return;
  route.exploration = *share;
  if (contains(known_route_strategies(), route.strategy) && route.strategy != "score")
    ctx_.at_key(json_locator::child(pointer, "exploration"),
                "exploration does nothing on route '" + route.name +
                    "', whose strategy is " + route.strategy,
                "add \"strategy\": \"score\" to the route, or remove \"exploration\"");
}

void models_reader::check_provider_known(const std::string& provider,
                                         const std::string& pointer,
                                         const std::string& route) {
  if (!contains(known_providers_, provider))
    ctx_.at_value(pointer,
                  "route '" + route + "' names provider '" + provider +
                      "', which is not declared",
                  did_you_mean(provider, known_providers_, "declared providers"));
}

retry_spec models_reader::read_retry(const json::object& obj,
                                     const std::string& pointer) {
  retry_spec retry;
  ctx_.check_keys(obj, pointer, {"max_retries", "base_delay_ms", "max_delay_ms"});
  if (auto n = integer_in(ctx_, obj, pointer, "max_retries", 0, 10, "2"))
    retry.max_retries = static_cast<int>(*n);
  if (auto ms = integer_in(ctx_, obj, pointer, "base_delay_ms", 0, max_delay_ms, "250"))
    retry.base_delay = std::chrono::milliseconds{*ms};
  if (auto ms = integer_in(ctx_, obj, pointer, "max_delay_ms", 0, max_delay_ms, "8000"))
    retry.max_delay = std::chrono::milliseconds{*ms};
  if (retry.max_delay < retry.base_delay)
    ctx_.at_value(
        json_locator::child(pointer, obj.contains("max_delay_ms") ? "max_delay_ms"
                                                                  : "base_delay_ms"),
        path_at(pointer, "max_delay_ms") + " (" +
            std::to_string(retry.max_delay.count()) + ") is less than base_delay_ms (" +
            std::to_string(retry.base_delay.count()) + ")",
        "the delay doubles from base_delay_ms up to max_delay_ms; make max_delay_ms at "
        "least base_delay_ms");
  return retry;
}

breaker_spec models_reader::read_breaker(const json::object& obj,
                                         const std::string& pointer) {
  breaker_spec breaker;
  ctx_.check_keys(obj, pointer, {"failure_threshold", "cooldown_seconds"});
  if (auto n = integer_in(ctx_, obj, pointer, "failure_threshold", 1, 1000, "5"))
    breaker.failure_threshold = static_cast<int>(*n);
  if (auto cooldown = seconds_in(ctx_, obj, pointer, "cooldown_seconds", 24 * hour, "30"))
    breaker.cooldown = *cooldown;
  return breaker;
}

cache_spec models_reader::read_cache(const json::object& obj,
                                     const std::string& pointer) {
  cache_spec cache;
  ctx_.check_keys(obj, pointer, {"enabled", "ttl_seconds", "max_entries", "path"});
  if (const auto* enabled = obj.if_contains("enabled")) {
    if (enabled->is_bool())
      cache.enabled = enabled->get_bool();
    else
      ctx_.at_value(json_locator::child(pointer, "enabled"),
                    path_at(pointer, "enabled") + " must be true or false, not " +
                        json::serialize(*enabled));
  }
  if (auto ttl = seconds_in(ctx_, obj, pointer, "ttl_seconds", year, "86400"))
    cache.ttl = *ttl;
  if (auto n = integer_in(ctx_, obj, pointer, "max_entries", 1, 1'000'000'000, "10000"))
    cache.max_entries = static_cast<size_t>(*n);
  if (auto path = read_path(obj, pointer, "path"))
    cache.path = path->string();
  return cache;
}

void models_reader::read_pricing(const json::object& obj, const std::string& pointer,
                                 models_spec& out) {
  ctx_.check_keys(obj, pointer, {"file", "prices"});
  if (auto file = read_path(obj, pointer, "file")) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(*file, ec))
      out.pricing_file = file->string();
    else
      ctx_.at_value(json_locator::child(pointer, "file"),
                    "pricing file '" + file->string() + "' does not exist",
                    "relative paths are resolved against the file's folder " +
                        ctx_.base_dir().string());
  }
  const auto* prices = ctx_.object_field(obj, pointer, "prices");
  if (prices == nullptr)
    return;
  auto at = json_locator::child(pointer, "prices");
  for (const auto& member : *prices) {
    std::string key{member.key()};
    read_price(key, member.value(), json_locator::child(at, key), out);
  }
}

void models_reader::read_price(const std::string& key, const json::value& value,
                               const std::string& pointer, models_spec& out) {
  auto slash = key.find('/');
  if (slash == 0 || slash == std::string::npos || slash + 1 == key.size()) {
    ctx_.at_key(pointer, "price '" + key + "' does not name \"provider/model\"",
                "e.g. \"openai/gpt-4o\", or \"*/gpt-4o\" for any provider");
    return;
  }
  auto provider = key.substr(0, slash);
  if (provider != "*" && !contains(known_providers_, provider))
    ctx_.at_key(pointer,
                "price '" + key + "' names provider '" + provider +
                    "', which is not declared",
                did_you_mean(provider, known_providers_, "declared providers") +
                    "; \"*\" stands for any provider");
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return;
  ctx_.check_keys(*obj, pointer, {"input", "output"});
  auto usd = [&](const char* side) {
    if (!obj->contains(side))
      ctx_.at_value(pointer, "price '" + key + "' has no \"" + side + "\"",
                    "give both, in USD per million tokens: {\"input\": 2.5, "
                    "\"output\": 10}");
    return number_in(ctx_, *obj, pointer, side, {0, 1e6, false}, "2.5").value_or(0);
  };
  // Braced initializers run left to right: input's error comes first.
  out.prices.insert_or_assign(key, model_price{usd("input"), usd("output")});
}

std::optional<std::filesystem::path> models_reader::read_path(const json::object& obj,
                                                              const std::string& pointer,
                                                              const char* key) {
  const auto* text = ctx_.string_field(obj, pointer, key);
  if (text == nullptr)
    return std::nullopt;
  std::string path{*text};
  auto at = json_locator::child(pointer, key);
  if (path.empty()) {
    ctx_.at_value(at, path_at(pointer, key) + " is empty",
                  "give a file path, or leave \"" + std::string{key} +
                      "\" out for the default");
    return std::nullopt;
  }
  if (path == "~" || path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') {
      ctx_.at_value(at, path_at(pointer, key) + " starts with '~', and $HOME is not set",
                    "write the path out in full");
      return std::nullopt;
    }
    path = std::string{home} + path.substr(1);
  }
  return ctx_.resolve(path);
}

} // namespace troupe

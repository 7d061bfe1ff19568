#pragma once

#include "runtime/model/config/models_spec.hpp"
#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// Reads the model layer's configuration: providers, routes and the router's
/// policies (retry, breaker, cache, pricing). A scenario has them under
/// `models`, a providers file at its top level. Routes must name declared
/// providers and known strategies, and no API key may be written into the
/// file: only the name of the environment variable that holds it.
class models_reader {
public:
  /// `outside_providers`: providers declared elsewhere (in a providers file
  /// merged over the scenario) that routes and prices may name as well.
  explicit models_reader(load_context& ctx,
                         std::vector<std::string> outside_providers = {});

  /// The scenario's `models` section, with the implicit `local` provider and
  /// `default` route added.
  models_spec read(const boost::json::object& root);

  /// The members of the models object at `pointer` ("" for a providers
  /// file) as written: nothing implicit added, and its keys not checked,
  /// since a providers file allows more keys than a `models` section.
  models_spec read_members(const boost::json::object& models, const std::string& pointer);

  /// The keys read_members reads.
  static const std::vector<std::string>& member_keys();

  /// Adds the `local` provider, and a `default` route to local/extractive-v1
  /// unless `models` has its own: so a scenario runs offline without any
  /// model configuration.
  static void add_implicit(models_spec& models);

private:
  void read_providers(const boost::json::object& models, const std::string& pointer,
                      models_spec& out);
  provider_spec read_provider(const std::string& name, const boost::json::value& value,
                              const std::string& pointer);
  void read_type(const boost::json::object& obj, const std::string& pointer,
                 provider_spec& provider);
  void check_provider_keys(const boost::json::object& obj, const std::string& pointer,
                           const provider_spec& provider);
  void read_base_url(const boost::json::object& obj, const std::string& pointer,
                     provider_spec& provider);
  void read_api_key_env(const boost::json::object& obj, const std::string& pointer,
                        provider_spec& provider);
  void read_headers(const boost::json::object& obj, const std::string& pointer,
                    provider_spec& provider);
  void read_rate_limits(const boost::json::object& obj, const std::string& pointer,
                        provider_spec& provider);
  void read_routes(const boost::json::object& models, const std::string& pointer,
                   models_spec& out);
  route_spec read_route(const std::string& name, const boost::json::value& value,
                        const std::string& pointer);
  void read_strategy(const boost::json::object& obj, const std::string& pointer,
                     route_spec& route);
  void read_targets(const boost::json::object& obj, const std::string& pointer,
                    route_spec& route);
  target_spec read_target(const boost::json::object& obj, const std::string& pointer,
                          const route_spec& route);
  void read_model(const boost::json::object& obj, const std::string& pointer,
                  const route_spec& route, target_spec& target);
  void read_weight(const boost::json::object& obj, const std::string& pointer,
                   const route_spec& route, target_spec& target);
  void read_exploration(const boost::json::object& obj, const std::string& pointer,
                        route_spec& route);
  void check_provider_known(const std::string& provider, const std::string& pointer,
                            const std::string& route);
  retry_spec read_retry(const boost::json::object& obj, const std::string& pointer);
  breaker_spec read_breaker(const boost::json::object& obj, const std::string& pointer);
  cache_spec read_cache(const boost::json::object& obj, const std::string& pointer);
  void read_pricing(const boost::json::object& obj, const std::string& pointer,
                    models_spec& out);
  void read_price(const std::string& key, const boost::json::value& value,
                  const std::string& pointer, models_spec& out);
  std::optional<std::filesystem::path>
  read_path(const boost::json::object& obj, const std::string& pointer, const char* key);

  load_context& ctx_;
  std::vector<std::string> outside_providers_;
  std::vector<std::string> known_providers_; // outside, `local` and declared
};

} // namespace troupe

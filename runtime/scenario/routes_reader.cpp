#include "runtime/scenario/routes_reader.hpp"

namespace troupe {

namespace json = boost::json;

routes_reader::routes_reader(load_context& ctx) : ctx_(ctx) {}

route_spec routes_reader::implicit_default() {
  route_spec route;
  route.name = "default";
  route.targets.push_back({"local", "extractive-v1"});
  return route;
}

std::map<std::string, route_spec> routes_reader::read(const json::object& root) {
  std::map<std::string, route_spec> result;
  const auto* models = ctx_.object_field(root, "", "models");
  // A broken `models` already has its error; the implicit route keeps agents
  // from reporting a missing route on top of it.
  if (models == nullptr) {
    result.emplace("default", implicit_default());
    return result;
  }
  ctx_.check_keys(*models, "/models", {"routes"});
  const auto* routes =
      ctx_.object_field(*models, "/models", "routes", load_context::need::required);
  if (routes == nullptr)
    return result;
  for (const auto& member : *routes) {
    std::string name{member.key()};
    result.emplace(name, read_route(name, member.value(),
                                    json_locator::child("/models/routes", name)));
  }
  return result;
}

route_spec routes_reader::read_route(const std::string& name, const json::value& value,
                                     const std::string& pointer) {
  route_spec route;
  route.name = name;
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return route;
  ctx_.check_keys(*obj, pointer, {"provider", "model"});
  using need = load_context::need;
  target_spec target;
  if (const auto* provider = ctx_.string_field(*obj, pointer, "provider", need::required))
    target.provider = std::string{*provider};
  if (const auto* model = ctx_.string_field(*obj, pointer, "model", need::required))
    target.model = std::string{*model};
  if (!target.provider.empty() && target.provider != "local")
    ctx_.at_value(json_locator::child(pointer, "provider"),
                  "route '" + name + "' uses provider '" + target.provider +
                      "', which is not available",
                  "only the offline 'local' provider is available in this build");
  route.targets.push_back(std::move(target));
  return route;
}

} // namespace troupe

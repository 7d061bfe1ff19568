#include "runtime/scenario/plugins_reader.hpp"

#include "runtime/scenario/json_locator.hpp"

#include <filesystem>

namespace troupe {

namespace {

std::optional<std::string> read_one(load_context& ctx, const boost::json::value& item,
                                    const std::string& pointer) {
  if (!item.is_string() || item.as_string().empty()) {
    ctx.at_value(pointer,
                 "plugins entries must be paths of plugin files, not " +
                     load_context::kind_name(item),
                 "e.g. \"plugins\": [\"plugins/fact_check.so\"]");
    return std::nullopt;
  }
  auto path = ctx.resolve(std::string_view{item.as_string()}).string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    ctx.at_value(pointer, "plugin '" + path + "' does not exist",
                 "relative paths are resolved against the scenario folder " +
                     ctx.base_dir().string());
    return std::nullopt;
  }
  return path;
}

} // namespace

std::vector<std::string> read_plugins(load_context& ctx, const boost::json::object& root,
                                      const plugin_hook& hook) {
  std::vector<std::string> out;
  const auto* list = ctx.array_field(root, "", "plugins");
  if (list == nullptr)
    return out;
  for (size_t i = 0; i < list->size(); ++i) {
    auto pointer = "/plugins/" + std::to_string(i);
    auto path = read_one(ctx, (*list)[i], pointer);
    if (!path)
      continue;
    if (hook)
      if (auto problem = hook(*path))
        ctx.at_value(pointer, *problem);
    out.push_back(std::move(*path));
  }
  return out;
}

} // namespace troupe

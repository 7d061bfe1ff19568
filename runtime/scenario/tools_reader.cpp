#include "runtime/scenario/tools_reader.hpp"

#include "runtime/scenario/did_you_mean.hpp"

namespace troupe {

namespace json = boost::json;

tools_reader::tools_reader(load_context& ctx, const tool_registry& registry)
    : ctx_(ctx), registry_(registry) {}

std::vector<tool_spec> tools_reader::read(const json::object& root) {
  std::vector<tool_spec> result;
  const auto* tools = ctx_.object_field(root, "", "tools");
  if (tools == nullptr)
    return result;
  for (const auto& member : *tools) {
    std::string id{member.key()};
    result.push_back(read_tool(id, member.value(), json_locator::child("/tools", id)));
  }
  return result;
}

tool_spec tools_reader::read_tool(const std::string& id, const json::value& value,
                                  const std::string& pointer) {
  tool_spec tool;
  tool.id = id;
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return tool;
  tool.params = *obj;
  tool.params.erase("type");
  if (const auto* type = read_type(id, *obj, pointer, tool)) {
    check_params(*type, tool, *obj, pointer);
    resolve_paths(*type, tool, pointer);
  }
  return tool;
}

const tool_type* tools_reader::read_type(const std::string& id, const json::object& obj,
                                         const std::string& pointer, tool_spec& tool) {
  if (!obj.contains("type")) {
    ctx_.at_value(pointer, "tool '" + id + "' has no \"type\"",
                  "registered tool types: " + join_names(registry_.names()));
    return nullptr;
  }
  const auto* name = ctx_.string_field(obj, pointer, "type");
  if (name == nullptr)
    return nullptr;
  tool.type = std::string{*name};
  const auto* type = registry_.find(tool.type);
  if (type == nullptr)
    ctx_.at_value(json_locator::child(pointer, "type"),
                  "unknown tool type '" + tool.type + "'",
                  did_you_mean(tool.type, registry_.names(), "registered types"));
  return type;
}

void tools_reader::check_params(const tool_type& type, const tool_spec& tool,
                                const json::object& obj, const std::string& pointer) {
  std::vector<std::string> allowed{"type"};
  allowed.insert(allowed.end(), type.required_params.begin(), type.required_params.end());
  allowed.insert(allowed.end(), type.optional_params.begin(), type.optional_params.end());
  ctx_.check_keys(obj, pointer, allowed);
  for (const auto& param : type.required_params)
    if (!obj.contains(param))
      ctx_.at_value(pointer,
                    "tool '" + tool.id + "' (type " + type.name + ") has no \"" + param +
                        "\"",
                    "required: " + join_names(type.required_params) +
                        "; optional: " + join_names(type.optional_params));
}

void tools_reader::resolve_paths(const tool_type& type, tool_spec& tool,
                                 const std::string& pointer) {
  for (const auto& param : type.path_params) {
    auto param_pointer = json_locator::child(pointer, param);
    const auto* value = ctx_.string_field(tool.params, pointer, param);
    if (value == nullptr)
      continue;
    auto path = ctx_.resolve(*value);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      ctx_.at_value(param_pointer,
                    "tool '" + tool.id + "': " + param + " '" + path.string() +
                        "' does not exist",
                    "relative paths are resolved against the scenario folder " +
                        ctx_.base_dir().string());
    tool.params[param] = path.string();
  }
}

} // namespace troupe

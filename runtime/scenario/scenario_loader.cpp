#include "runtime/scenario/scenario_loader.hpp"

#include "runtime/scenario/agents_reader.hpp"
#include "runtime/scenario/budget_reader.hpp"
#include "runtime/scenario/config_json.hpp"
#include "runtime/scenario/flow_reader.hpp"
#include "runtime/scenario/json_locator.hpp"
#include "runtime/scenario/limits_reader.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/models_reader.hpp"
#include "runtime/scenario/plugins_reader.hpp"
#include "runtime/scenario/read_text_file.hpp"
#include "runtime/scenario/reference_checker.hpp"
#include "runtime/scenario/shape_checker.hpp"
#include "runtime/scenario/tools_reader.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <climits>
#include <cmath>
#include <filesystem>
#include <tuple>
#include <variant>

namespace troupe {

namespace json = boost::json;

namespace {

using need = load_context::need;

const std::vector<std::string> top_level_keys{"name",  "description", "plugins", "inputs",
                                              "tools", "models",      "budget",  "agents",
                                              "flow",  "limits",      "report"};

void read_header(load_context& ctx, const json::object& root, scenario_spec& spec) {
  if (const auto* name = ctx.string_field(root, "", "name", need::required)) {
    spec.name = std::string{*name};
    if (!load_context::is_plain_name(spec.name))
      ctx.at_value("/name", "scenario name '" + spec.name + "' is not a plain name",
                   "use only letters, digits, '_' and '-'");
  }
  if (const auto* description = ctx.string_field(root, "", "description"))
    spec.description = std::string{*description};
}

input_spec read_input(load_context& ctx, const std::string& name,
                      const json::value& value) {
  input_spec input;
  input.name = name;
  auto pointer = json_locator::child("/inputs", name);
  if (!load_context::is_plain_name(name))
    ctx.at_key(pointer, "input name '" + name + "' is not a plain name",
               "use only letters, digits, '_' and '-', so that {{inputs." + name +
                   "}} can name it");
  const auto* obj = ctx.as_object(value, pointer);
  if (obj == nullptr)
    return input;
  ctx.check_keys(*obj, pointer, {"description", "default"});
  if (const auto* description = ctx.string_field(*obj, pointer, "description"))
    input.description = std::string{*description};
  if (const auto* default_value = ctx.string_field(*obj, pointer, "default"))
    input.default_value = std::string{*default_value};
  return input;
}

/// Every declared input, also broken ones, so references to them do not
/// report a second, misleading error.
std::vector<input_spec> read_inputs(load_context& ctx, const json::object& root) {
  std::vector<input_spec> result;
  if (const auto* inputs = ctx.object_field(root, "", "inputs"))
    for (const auto& member : *inputs)
      result.push_back(read_input(ctx, std::string{member.key()}, member.value()));
  return result;
}

std::string read_report(load_context& ctx, const json::object& root,
                        const scenario_spec& spec) {
  const auto* report = ctx.string_field(root, "", "report");
  if (report == nullptr)
    return {};
  std::vector<std::string> step_ids;
  for (const auto& step : spec.flow)
    step_ids.push_back(step.id);
  reference_checker checker{{}, std::move(step_ids)};
  if (auto problem = checker.step_output(*report, spec.flow.size(), "report"))
    ctx.at_value("/report", problem->message, problem->hint);
  return std::string{*report};
}

/// The scenario's models with the providers file's merged over them, so that
/// agents' routes are checked against what the run will use.
models_spec read_models(load_context& ctx, const json::object& root,
                        const providers_file* extra) {
  auto outside = extra != nullptr ? extra->provider_names() : std::vector<std::string>{};
  auto models = models_reader{ctx, std::move(outside)}.read(root);
  if (extra != nullptr)
    extra->merge_into(models);
  return models;
}

budget_spec read_budget(load_context& ctx, const json::object& root,
                        const scenario_spec& spec, const providers_file* extra) {
  std::vector<std::string> agent_ids;
  for (const auto& agent : spec.agents)
    agent_ids.push_back(agent.id);
  std::vector<std::string> providers;
  for (const auto& provider : spec.models.providers)
    providers.push_back(provider.first);
  auto budget = budget_reader{ctx, agent_ids, providers}.read(root);
  if (extra != nullptr)
    extra->merge_into(budget);
  return budget;
}

scenario_spec read_scenario(load_context& ctx, const json::object& root,
                            const agent_registry& agents, const tool_registry& tools,
                            const providers_file* extra, const plugin_hook& plugins) {
  scenario_spec spec;
  ctx.check_keys(root, "", top_level_keys);
  read_header(ctx, root, spec);
  // First: the agent types a plugin registers must be known from here on.
  spec.plugins = read_plugins(ctx, root, plugins);
  spec.inputs = read_inputs(ctx, root);
  spec.tools = tools_reader{ctx, tools}.read(root);
  spec.models = read_models(ctx, root, extra);
  spec.agents = agents_reader{ctx, agents, spec}.read(root);
  spec.flow = flow_reader{ctx, agents, spec}.read(root);
  shape_checker shapes{ctx, agents, spec};
  shapes.check_types();
  shapes.check_flow();
  spec.budget = read_budget(ctx, root, spec, extra);
  spec.limits = read_limits(ctx, root);
  spec.report = read_report(ctx, root, spec);
  return spec;
}

/// Errors in file order: readers check sections in dependency order, but
/// people fix a file from top to bottom.
std::vector<config_error> in_file_order(std::vector<config_error> errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return errors;
}

config_error unreadable(const std::string& path, const std::string& kind) {
  std::error_code ec;
  auto problem = !std::filesystem::exists(path, ec)        ? "' does not exist"
                 : std::filesystem::is_directory(path, ec) ? "' is a folder"
                                                           : "' cannot be read";
  return {path, 0, 0, kind + " file '" + path + problem, "check the path"};
}

std::string folder_of(const std::string& path) {
  auto dir = std::filesystem::path{path}.parent_path().string();
  return dir.empty() ? "." : dir;
}

/// What a providers file gave, also when it has errors: merging its partial
/// spec keeps routes it declares from being reported missing a second time.
struct providers_reading {
  providers_file spec;
  std::vector<config_error> errors;
};

providers_reading read_providers_text(const std::string& text,
                                      const std::string& file_name,
                                      const std::string& base_dir) {
  json_locator locator{text};
  auto parsed = parse_config_json(text, file_name, locator, "providers");
  if (auto* error = std::get_if<config_error>(&parsed))
    return {{}, {std::move(*error)}};
  load_context ctx{file_name, base_dir, locator};
  const auto* root = std::get<json::value>(parsed).if_object();
  if (root == nullptr) {
    ctx.at_value("", "a providers file must hold a JSON object",
                 "e.g. {\"providers\": {...}, \"routes\": {...}}");
    return {{}, ctx.take_errors()};
  }
  ctx.report_duplicate_keys();
  auto spec = providers_file::read(ctx, *root);
  spec.file = file_name;
  return {std::move(spec), in_file_order(ctx.take_errors())};
}

providers_reading read_providers_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text)
    return {{}, {unreadable(path, "providers")}};
  return read_providers_text(*text, path, folder_of(path));
}

providers_load_result finished(providers_reading reading) {
  if (!reading.errors.empty())
    return {std::nullopt, std::move(reading.errors)};
  return {std::move(reading.spec), {}};
}

} // namespace

scenario_loader::scenario_loader(const agent_registry& agents, const tool_registry& tools)
    : agents_(agents), tools_(tools) {}

load_result scenario_loader::load_file(const std::string& path,
                                       const std::string& providers_path) const {
  std::optional<providers_reading> extra;
  if (!providers_path.empty())
    extra = read_providers_file(providers_path);
  auto text = read_text_file(path);
  auto result =
      text ? load_text(*text, path, folder_of(path), extra ? &extra->spec : nullptr)
           : load_result{std::nullopt, {unreadable(path, "scenario")}};
  if (!extra || extra->errors.empty())
    return result;
  auto errors = std::move(extra->errors);
  errors.insert(errors.end(), result.errors.begin(), result.errors.end());
  return {std::nullopt, std::move(errors)};
}

load_result scenario_loader::load_text(const std::string& text,
                                       const std::string& file_name,
                                       const std::string& base_dir,
                                       const providers_file* extra) const {
  json_locator locator{text};
  auto parsed = parse_config_json(text, file_name, locator, "scenario");
  if (auto* error = std::get_if<config_error>(&parsed))
    return {std::nullopt, {std::move(*error)}};
  load_context ctx{file_name, base_dir, locator};
  const auto& document = std::get<json::value>(parsed);
  const auto* root = ctx.as_object(document, "");
  if (root == nullptr)
    return {std::nullopt, ctx.take_errors()};
  ctx.report_duplicate_keys();
  auto spec = read_scenario(ctx, *root, agents_, tools_, extra, plugins_);
  if (ctx.error_count() > 0)
    return {std::nullopt, in_file_order(ctx.take_errors())};
  spec.file = file_name;
  spec.base_dir = ctx.base_dir().string();
  return {std::move(spec), {}};
}

providers_load_result scenario_loader::load_providers_file(const std::string& path) {
  return finished(read_providers_file(path));
}

providers_load_result scenario_loader::load_providers_text(const std::string& text,
                                                           const std::string& file_name,
                                                           const std::string& base_dir) {
  return finished(read_providers_text(text, file_name, base_dir));
}

} // namespace troupe

#include "runtime/scenario/scenario_loader.hpp"

#include "runtime/scenario/agents_reader.hpp"
#include "runtime/scenario/flow_reader.hpp"
#include "runtime/scenario/json_locator.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/read_text_file.hpp"
#include "runtime/scenario/reference_checker.hpp"
#include "runtime/scenario/routes_reader.hpp"
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

const std::vector<std::string> top_level_keys{"name",  "description", "inputs",
                                              "tools", "models",      "agents",
                                              "flow",  "limits",      "report"};

// Long enough for any batch run, short enough that milliseconds never overflow.
constexpr double max_seconds = 365.0 * 24 * 3600;

config_error syntax_error(const std::string& file, const json_locator& locator,
                          size_t offset, std::string message, std::string hint) {
  auto pos = locator.position_of(offset);
  return {file, pos.line, pos.column, std::move(message), std::move(hint)};
}

/// The parsed document, or the first syntax error in it.
std::variant<json::value, config_error> parse_json(const std::string& text,
                                                   const std::string& file,
                                                   const json_locator& locator) {
  json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  json::parser parser{json::storage_ptr{}, options};
  json::error_code ec;
  auto consumed = parser.write_some(text.data(), text.size(), ec);
  if (ec == json::error::incomplete)
    return syntax_error(file, locator, consumed, "the JSON ends too early",
                        "look for an unclosed '{', '[', string or comment");
  if (ec)
    return syntax_error(file, locator, consumed, "invalid JSON: " + ec.message(),
                        "look just before this point for a missing ',' or ':', an "
                        "unquoted key or a stray character");
  auto rest = locator.skip_blanks(consumed);
  if (rest < text.size())
    return syntax_error(file, locator, rest, "unexpected text after the end of the JSON",
                        "a scenario file holds exactly one JSON object");
  return parser.release();
}

void report_duplicate_keys(load_context& ctx, const json_locator& locator) {
  for (const auto& pointer : locator.duplicate_keys())
    ctx.at_key(pointer, load_context::path_of(pointer) + " is given more than once",
               "remove all but one; otherwise the last one silently wins");
}

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

void read_seconds(load_context& ctx, const json::object& limits, const char* key,
                  std::chrono::milliseconds& out) {
  auto seconds = ctx.number_field(limits, "/limits", key);
  if (!seconds)
    return;
  if (*seconds > 0 && *seconds <= max_seconds) {
    auto ms = std::llround(*seconds * 1000);
    out = std::chrono::milliseconds{std::max<long long>(1, ms)};
    return;
  }
  auto path = load_context::path_of(json_locator::child("/limits", key));
  ctx.at_value(json_locator::child("/limits", key),
               path + " must be more than 0 and at most " +
                   std::to_string(static_cast<long long>(max_seconds)) + " (a year)",
               "e.g. \"" + std::string{key} + "\": 120");
}

limits_spec read_limits(load_context& ctx, const json::object& root) {
  limits_spec limits;
  const auto* obj = ctx.object_field(root, "", "limits");
  if (obj == nullptr)
    return limits;
  ctx.check_keys(*obj, "/limits",
                 {"max_steps", "deadline_seconds", "step_timeout_seconds"});
  if (auto steps = ctx.integer_field(*obj, "/limits", "max_steps")) {
    if (*steps >= 1 && *steps <= INT_MAX)
      limits.max_steps = static_cast<int>(*steps);
    else
      ctx.at_value("/limits/max_steps",
                   "limits.max_steps must be from 1 to " + std::to_string(INT_MAX) +
                       ", not " + std::to_string(*steps),
                   "e.g. \"max_steps\": 50");
  }
  read_seconds(ctx, *obj, "deadline_seconds", limits.deadline);
  read_seconds(ctx, *obj, "step_timeout_seconds", limits.step_timeout);
  return limits;
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

scenario_spec read_scenario(load_context& ctx, const json::object& root,
                            const agent_registry& agents, const tool_registry& tools) {
  scenario_spec spec;
  ctx.check_keys(root, "", top_level_keys);
  read_header(ctx, root, spec);
  spec.inputs = read_inputs(ctx, root);
  spec.tools = tools_reader{ctx, tools}.read(root);
  spec.models.routes = routes_reader{ctx}.read(root);
  spec.agents = agents_reader{ctx, agents, spec}.read(root);
  spec.flow = flow_reader{ctx, agents, spec}.read(root);
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

} // namespace

scenario_loader::scenario_loader(const agent_registry& agents, const tool_registry& tools)
    : agents_(agents), tools_(tools) {}

load_result scenario_loader::load_file(const std::string& path) const {
  auto text = read_text_file(path);
  if (!text) {
    std::error_code ec;
    auto problem = !std::filesystem::exists(path, ec)        ? "' does not exist"
                   : std::filesystem::is_directory(path, ec) ? "' is a folder"
                                                             : "' cannot be read";
    return {std::nullopt,
            {{path, 0, 0, "scenario file '" + path + problem, "check the path"}}};
  }
  auto dir = std::filesystem::path{path}.parent_path().string();
  return load_text(*text, path, dir.empty() ? "." : dir);
}

load_result scenario_loader::load_text(const std::string& text,
                                       const std::string& file_name,
                                       const std::string& base_dir) const {
  json_locator locator{text};
  auto parsed = parse_json(text, file_name, locator);
  if (auto* error = std::get_if<config_error>(&parsed))
    return {std::nullopt, {std::move(*error)}};
  load_context ctx{file_name, base_dir, locator};
  const auto& document = std::get<json::value>(parsed);
  const auto* root = ctx.as_object(document, "");
  if (root == nullptr)
    return {std::nullopt, ctx.take_errors()};
  report_duplicate_keys(ctx, locator);
  auto spec = read_scenario(ctx, *root, agents_, tools_);
  if (ctx.error_count() > 0)
    return {std::nullopt, in_file_order(ctx.take_errors())};
  spec.file = file_name;
  spec.base_dir = ctx.base_dir().string();
  return {std::move(spec), {}};
}

} // namespace troupe

#include "runtime/orchestrator/saved_run.hpp"

#include "runtime/errors.hpp"
#include "runtime/scenario/read_text_file.hpp"

namespace troupe {

namespace {

namespace json = boost::json;

constexpr const char* schema = "troupe.state/1";

/// Reads fields of state.json, remembering the first problem.
class field_reader {
public:
  field_reader(const std::string& path, const json::object& root)
      : path_(path), root_(root) {}

  const json::value* get(const char* key, json::kind kind, const char* what) {
    const auto* v = root_.if_contains(key);
    if (v != nullptr &&
        (v->kind() == kind || (kind == json::kind::double_ && v->is_number())))
      return v;
    if (!error_)
      error_ = make_error(errc::invalid_input,
                          path_ + ": field '" + key + "' is missing or not " + what +
                              "; the file is not a state file this troupe wrote: start "
                              "the run again");
    return nullptr;
  }

  std::string text(const char* key) {
    const auto* v = get(key, json::kind::string, "a string");
    return v ? std::string{v->as_string()} : std::string{};
  }

  const json::object& object(const char* key) {
    static const json::object none;
    const auto* v = get(key, json::kind::object, "an object");
    return v ? v->as_object() : none;
  }

  bool flag(const json::object& obj, const char* key) {
    const auto* v = obj.if_contains(key);
    return v == nullptr || !v->is_bool() || v->as_bool();
  }

  caf::error error() const { return error_; }

private:
  const std::string& path_;
  const json::object& root_;
  caf::error error_;
};

double number_of(const json::object& obj, const char* key) {
  const auto* v = obj.if_contains(key);
  return v && v->is_number() ? v->to_number<double>() : 0.0;
}

caf::expected<json::object> parse_state(const std::string& path) {
  auto text = read_text_file(path);
  if (!text)
    return make_error(errc::invalid_input,
                      path + " does not exist or cannot be read; give the output "
                             "folder of a run (troupe run --out DIR)");
  boost::system::error_code ec;
  auto value = json::parse(*text, ec);
  if (ec || !value.is_object())
    return make_error(errc::invalid_input,
                      path + " is not valid JSON (" + ec.message() +
                          "); it is written atomically, so the file was changed by "
                          "hand or by another program: start the run again");
  return std::move(value.as_object());
}

std::string text_of(const json::object& obj, const char* key) {
  const auto* v = obj.if_contains(key);
  return v && v->is_string() ? std::string{v->as_string()} : std::string{};
}

load_options options_of(const json::object& command) {
  load_options o;
  o.providers_file = text_of(command, "providers_file");
  if (const auto* list = command.if_contains("plugins"); list && list->is_array())
    for (const auto& p : list->as_array())
      if (p.is_string())
        o.plugins.emplace_back(p.as_string());
  o.base_url = text_of(command, "base_url");
  o.model = text_of(command, "model");
  o.api_key_env = text_of(command, "api_key_env");
  if (const auto* usd = command.if_contains("max_usd"); usd && usd->is_number())
    o.max_usd = usd->to_number<double>();
  return o;
}

} // namespace

json::object saved_run::header() const {
  json::array plugin_list;
  for (const auto& p : options.plugins)
    plugin_list.emplace_back(p);
  return {{"schema", schema},
          {"run_id", run_id},
          {"scenario", json::object{{"file", scenario_file}, {"hash", scenario_hash}}},
          {"command", json::object{{"providers_file", options.providers_file},
                                   {"plugins", std::move(plugin_list)},
                                   {"base_url", options.base_url},
                                   {"model", options.model},
                                   {"api_key_env", options.api_key_env},
                                   {"max_usd", options.max_usd}}},
          {"inputs", inputs},
          {"options", json::object{{"capture_content", capture_content},
                                   {"write_trace", write_trace},
                                   {"use_cache", use_cache}}}};
}

caf::expected<saved_run> saved_run::read(const std::string& dir) {
  saved_run run;
  run.path = dir + "/" + state_file_name;
  auto root = parse_state(run.path);
  if (!root)
    return root.error();
  field_reader f{run.path, *root};
  if (auto version = f.text("schema"); !version.empty() && version != schema)
    return make_error(errc::invalid_input,
                      run.path + " has schema '" + version +
                          "', and this troupe reads '" + schema +
                          "': resume it with the troupe that ran it");
  run.run_id = f.text("run_id");
  run.status = f.text("status");
  const auto& scenario = f.object("scenario");
  run.scenario_file =
      std::string{scenario.contains("file") && scenario.at("file").is_string()
                      ? scenario.at("file").as_string()
                      : ""};
  if (const auto* h = scenario.if_contains("hash"); h && h->is_string())
    run.scenario_hash = std::string{h->as_string()};
  run.options = options_of(f.object("command"));
  run.inputs = f.object("inputs");
  const auto& options = f.object("options");
  run.capture_content = f.flag(options, "capture_content");
  run.write_trace = f.flag(options, "write_trace");
  run.use_cache = f.flag(options, "use_cache");
  run.progress = f.object("progress");
  const auto& ledger = f.object("ledger");
  run.spent_usd = number_of(ledger, "usd");
  run.spent_tokens = static_cast<int64_t>(number_of(ledger, "tokens"));
  run.spent_calls = static_cast<int64_t>(number_of(ledger, "calls"));
  if (auto err = f.error())
    return err;
  if (run.scenario_file.empty())
    return make_error(errc::invalid_input,
                      run.path +
                          ": field 'scenario.file' is missing; start the run again");
  return run;
}

} // namespace troupe

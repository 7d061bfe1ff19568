#include "runtime/model/budget/pricing_table.hpp"

#include "runtime/scenario/config_json.hpp"
#include "runtime/scenario/json_locator.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/read_text_file.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <dlfcn.h>
#include <filesystem>
#include <tuple>
#include <vector>

namespace troupe {

namespace json = boost::json;

namespace {

// A million dollars per million tokens: far beyond any list price, so a
// larger number is a typo (a price per token written per million, say).
constexpr double most_price = 1e6;
constexpr const char* price_example = "{\"input\": 2.5, \"output\": 10}";
constexpr const char* local_provider = "local";

config_error unreadable(const std::string& path, bool shipped) {
  std::error_code ec;
  auto problem = !std::filesystem::exists(path, ec)        ? "' does not exist"
                 : std::filesystem::is_directory(path, ec) ? "' is a folder"
                                                           : "' cannot be read";
  return {path, 0, 0, "pricing file '" + path + problem,
          shipped ? "the table shipped with Troupe is missing: restore "
                    "scenarios/pricing.json, or name your own in models.pricing.file"
                  : "check models.pricing.file, or leave it out for the table "
                    "shipped with Troupe"};
}

/// One side ("input" or "output") of a price, in USD per million tokens.
std::optional<double> read_side(load_context& ctx, const std::string& key,
                                const json::object& price, const std::string& pointer,
                                const char* side) {
  if (!price.contains(side)) {
    ctx.at_value(pointer, "price '" + key + "' has no \"" + side + "\"",
                 std::string{"give both, in USD per million tokens: "} + price_example);
    return std::nullopt;
  }
  auto usd = ctx.number_field(price, pointer, side); // reports a non-number
  if (!usd || (*usd >= 0 && *usd <= most_price))
    return usd;
  auto at = json_locator::child(pointer, side);
  ctx.at_value(at,
               load_context::path_of(at) + " must be from 0 to 1000000, not " +
                   json::serialize(price.at(side)),
               "prices are in USD per million tokens, e.g. \"" + std::string{side} +
                   "\": 2.5");
  return std::nullopt;
}

std::optional<model_price> read_price(load_context& ctx, const std::string& key,
                                      const json::value& value,
                                      const std::string& pointer) {
  auto slash = key.find('/');
  if (slash == 0 || slash == std::string::npos || slash + 1 == key.size()) {
    ctx.at_key(pointer, "price '" + key + "' does not name \"provider/model\"",
               "e.g. \"openai/gpt-4o\", or \"*/gpt-4o\" for any provider");
    return std::nullopt;
  }
  const auto* obj = ctx.as_object(value, pointer);
  if (obj == nullptr)
    return std::nullopt;
  ctx.check_keys(*obj, pointer, {"input", "output"});
  auto input = read_side(ctx, key, *obj, pointer, "input");
  auto output = read_side(ctx, key, *obj, pointer, "output");
  if (!input || !output)
    return std::nullopt;
  return model_price{*input, *output};
}

/// Errors in file order, as people fix a file from top to bottom.
std::vector<config_error> in_file_order(std::vector<config_error> errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return errors;
}

/// Its address tells dladdr which file holds this code: libtroupe.so.
const char library_anchor = 0;

/// The table installed with the library this code runs from: `cmake
/// --install --prefix DIR` puts it in DIR/share/troupe whatever DIR is, so it
/// is found relative to DIR/lib, not at the prefix the build was configured
/// with. Empty when the library's file is unknown.
std::string next_to_library() {
  Dl_info info{};
  if (dladdr(&library_anchor, &info) == 0 || info.dli_fname == nullptr)
    return {};
  auto folder = std::filesystem::path{info.dli_fname}.parent_path();
  return (folder / TROUPE_LIBRARY_TO_DATA_DIR / "pricing.json")
      .lexically_normal()
      .string();
}

/// The shipped table: installed next to the running library, else in the
/// source tree the build came from, else at the configured install prefix.
/// When none exists, the first place is the one the error names.
std::string shipped_table() {
  std::vector<std::string> places;
  if (auto installed = next_to_library(); !installed.empty())
    places.push_back(std::move(installed));
  places.emplace_back(TROUPE_DATA_DIR "/pricing.json");
  places.emplace_back(TROUPE_INSTALLED_DATA_DIR "/pricing.json");
  std::error_code ec;
  for (const auto& place : places)
    if (std::filesystem::exists(place, ec))
      return place;
  return places.front();
}

} // namespace

std::variant<pricing_table, std::vector<config_error>>
pricing_table::load(const std::string& path) {
  auto file = path.empty() ? shipped_table() : path;
  auto text = read_text_file(file);
  if (!text)
    return std::vector<config_error>{unreadable(file, path.empty())};
  json_locator locator{*text};
  auto parsed = parse_config_json(*text, file, locator, "pricing");
  if (auto* error = std::get_if<config_error>(&parsed))
    return std::vector<config_error>{std::move(*error)};
  load_context ctx{file, std::filesystem::path{file}.parent_path().string(), locator};
  const auto* root = std::get<json::value>(parsed).if_object();
  if (root == nullptr) {
    ctx.at_value("", "a pricing file must hold a JSON object",
                 std::string{"e.g. {\"as_of\": \"2026-11\", \"prices\": "
                             "{\"openai/gpt-4o\": "} +
                     price_example + "}}");
    return ctx.take_errors();
  }
  ctx.report_duplicate_keys();
  ctx.check_keys(*root, "", {"as_of", "prices"});
  pricing_table table;
  if (const auto* as_of = ctx.string_field(*root, "", "as_of"))
    table.as_of_ = std::string{*as_of};
  if (!root->contains("prices"))
    ctx.at_value("", "the pricing file has no \"prices\"",
                 std::string{"add the prices, keyed \"provider/model\": \"prices\": "
                             "{\"openai/gpt-4o\": "} +
                     price_example + "}");
  if (const auto* prices = ctx.object_field(*root, "", "prices")) {
    for (const auto& member : *prices) {
      std::string key{member.key()};
      auto pointer = json_locator::child("/prices", key);
      if (auto price = read_price(ctx, key, member.value(), pointer))
        table.prices_.insert_or_assign(key, *price);
    }
  }
  if (ctx.error_count() > 0)
    return in_file_order(ctx.take_errors());
  return table;
}

void pricing_table::set(const std::string& provider, const std::string& model,
                        model_price price) {
  prices_.insert_or_assign(provider + "/" + model, price);
}

std::optional<model_price> pricing_table::find(const std::string& provider,
                                               const std::string& model) const {
  if (provider == local_provider)
    return model_price{};
  for (const auto& key : {provider + "/" + model, "*/" + model}) {
    auto found = prices_.find(key);
    if (found != prices_.end())
      return found->second;
  }
  return std::nullopt;
}

double pricing_table::cost(const model_price& price, int64_t input_tokens,
                           int64_t output_tokens) {
  constexpr double tokens_per_mtok = 1e6;
  return (static_cast<double>(input_tokens) * price.input_per_mtok +
          static_cast<double>(output_tokens) * price.output_per_mtok) /
         tokens_per_mtok;
}

} // namespace troupe

#pragma once

#include "runtime/model/budget/budget_amount.hpp"
#include "runtime/model/config/models_spec.hpp"
#include "runtime/scenario/config_error.hpp"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace troupe {

/// USD per million input and output tokens, per provider and model. Read
/// from a JSON file (same rules as scenario files: comments, trailing
/// commas, file:line:col errors):
///   { "as_of": "2026-11",
///     "prices": { "openai/gpt-4o-mini": {"input": 0.15, "output": 0.60},
///                 "*/llama3.1:8b": {"input": 0, "output": 0} } }
/// "*" as provider matches any provider. The `local` provider is free.
class pricing_table {
public:
  /// Reads `path`, or the table shipped in scenarios/pricing.json when it is
  /// empty (as models_spec::pricing_file); every problem found is returned,
  /// with its place.
  static std::variant<pricing_table, std::vector<config_error>>
  load(const std::string& path);

  /// When the file's prices were taken ("as_of"); empty when it does not say.
  const std::string& as_of() const noexcept { return as_of_; }

  void set(const std::string& provider, const std::string& model, model_price price);

  /// Exact "provider/model" first, then "*/model"; local is always free.
  std::optional<model_price> find(const std::string& provider,
                                  const std::string& model) const;

  /// The cost of a call with these token counts at `price`.
  static double cost(const model_price& price, int64_t input_tokens,
                     int64_t output_tokens);

private:
  std::string as_of_;
  std::map<std::string, model_price> prices_; // "provider/model"
};

} // namespace troupe

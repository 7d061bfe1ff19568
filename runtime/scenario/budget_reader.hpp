#pragma once

#include "runtime/model/config/budget_spec.hpp"
#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// Reads a `budget` section: caps for the run, per agent and per provider.
/// Every cap must be a real limit (usd >= 0, tokens and calls >= 1), and the
/// agents and providers it names must exist.
class budget_reader {
public:
  /// For a scenario: caps may name its agents and the providers.
  budget_reader(load_context& ctx, std::vector<std::string> agent_ids,
                std::vector<std::string> providers);

  /// For a providers file, which serves any scenario and so names no agents.
  budget_reader(load_context& ctx, std::vector<std::string> providers);

  /// The `budget` member of `root`; an empty spec without one.
  budget_spec read(const boost::json::object& root);

private:
  void read_scopes(const boost::json::object& budget, const char* key,
                   const std::vector<std::string>& names, const char* kind,
                   std::map<std::string, budget_limit>& out);
  budget_limit read_limit(const boost::json::value& value, const std::string& pointer);
  std::optional<double> read_usd(const boost::json::object& limit,
                                 const std::string& pointer);
  std::optional<int64_t> read_count(const boost::json::object& limit,
                                    const std::string& pointer, const char* key,
                                    const char* example);

  load_context& ctx_;
  std::optional<std::vector<std::string>> agent_ids_; // none: agents not allowed
  std::vector<std::string> providers_;
};

} // namespace troupe

#pragma once

#include "runtime/model/config/budget_spec.hpp"
#include "runtime/model/config/models_spec.hpp"
#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace troupe {

/// A `--providers` file: the members of a scenario's `models` section
/// (providers, routes, retry, breaker, cache, pricing) at its top level, and
/// optionally a `budget` without per-agent caps. It names no agents, so one
/// file serves every scenario; merged over a scenario it wins by name.
struct providers_file {
  std::string file;
  models_spec models;                // as written: nothing implicit
  budget_spec budget;                // never with per-agent caps
  std::vector<std::string> sections; // the top-level keys the file gives

  /// Reads the file's root object, reporting problems to `ctx`.
  static providers_file read(load_context& ctx, const boost::json::object& root);

  /// The providers the file declares.
  std::vector<std::string> provider_names() const;

  /// Adds the file's providers, routes and prices to `models`, replacing
  /// those of the same name, and replaces each policy section (retry,
  /// breaker, cache, pricing.file) the file gives as a whole.
  void merge_into(models_spec& models) const;

  /// Adds the file's caps to `budget`; where both set the same cap, the
  /// lower one holds, so neither file can loosen the other's limits.
  void merge_into(budget_spec& budget) const;

private:
  bool gives(const std::string& section) const;
};

} // namespace troupe

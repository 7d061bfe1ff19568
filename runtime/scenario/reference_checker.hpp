#pragma once

#include "runtime/scenario/config_error.hpp"
#include "runtime/scenario/reference.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// Decides whether a reference can resolve when a step runs: inputs must be
/// declared, steps must run earlier, `item` needs a `for_each`. Problems come
/// back as errors without a position; the caller knows where the text is.
class reference_checker {
public:
  /// `step_ids` in flow order; an empty id stands for a step without one.
  reference_checker(std::vector<std::string> inputs, std::vector<std::string> step_ids);

  /// Checks a `{{ref}}` used by step number `step`; `has_item` says whether
  /// that step has a `for_each`.
  std::optional<config_error> in_step(const reference& ref, size_t step,
                                      bool has_item) const;

  /// Checks `text`, a bare reference (no braces) that must name the output
  /// of a step before step number `before`; `what` names the key holding
  /// it, e.g. "for_each".
  std::optional<config_error> step_output(std::string_view text, size_t before,
                                          const std::string& what) const;

  /// Position of step `id` in the flow, or nothing.
  std::optional<size_t> step_index(const std::string& id) const;

private:
  std::optional<config_error> output_of_step(const reference& ref, size_t before,
                                             const std::string& what) const;
  std::optional<config_error> input(const reference& ref) const;
  std::optional<config_error> loop(const reference& ref) const;
  std::optional<config_error> earlier_step(const reference& ref, size_t step) const;
  config_error dangling(const reference& ref, size_t step, bool has_item) const;

  std::vector<std::string> inputs_;
  std::vector<std::string> step_ids_;
};

} // namespace troupe

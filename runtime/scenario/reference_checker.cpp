#include "runtime/scenario/reference_checker.hpp"

#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/placeholder.hpp"

#include <algorithm>

namespace troupe {

namespace {

std::string braced(const reference& ref) {
  return "'{{" + ref.text + "}}'";
}

config_error problem(std::string message, std::string hint) {
  return {{}, 0, 0, std::move(message), std::move(hint)};
}

} // namespace

reference_checker::reference_checker(std::vector<std::string> inputs,
                                     std::vector<std::string> step_ids)
    : inputs_(std::move(inputs)), step_ids_(std::move(step_ids)) {}

std::optional<size_t> reference_checker::step_index(const std::string& id) const {
  auto i = std::find(step_ids_.begin(), step_ids_.end(), id);
  if (id.empty() || i == step_ids_.end())
    return std::nullopt;
  return static_cast<size_t>(i - step_ids_.begin());
}

std::optional<config_error> reference_checker::in_step(const reference& ref, size_t step,
                                                       bool has_item) const {
  if (ref.root == "inputs")
    return input(ref);
  if (ref.root == "loop")
    return loop(ref);
  if (ref.root == "item") {
    if (has_item)
      return std::nullopt;
    return problem(braced(ref) + " is only available in a step with \"for_each\"",
                   "add \"for_each\": \"STEP.FIELD\" to the step to run it once per "
                   "element, or refer to a step's output directly");
  }
  if (step_index(ref.root))
    return earlier_step(ref, step);
  return dangling(ref, step, has_item);
}

std::optional<config_error>
reference_checker::step_output(std::string_view text, size_t before,
                               const std::string& what) const {
  auto braces = placeholder::scan(text);
  if (!braces.empty()) {
    auto bare = braces.size() == 1 && braces[0].closed ? braces[0].name : "STEP.FIELD";
    return problem(what + " takes a bare reference, without braces",
                   "write \"" + what + "\": \"" + bare + "\"");
  }
  auto ref = reference::parse(text);
  if (!ref)
    return problem(what + " '" + std::string{text} + "' is not a valid reference",
                   "name an earlier step's output: \"" + what + "\": \"STEP.FIELD\"");
  return output_of_step(*ref, before, what);
}

std::optional<config_error>
reference_checker::output_of_step(const reference& ref, size_t before,
                                  const std::string& what) const {
  auto index = step_index(ref.root);
  if (!index) {
    std::vector<std::string> earlier;
    for (size_t i = 0; i < before; ++i)
      if (!step_ids_[i].empty())
        earlier.push_back(step_ids_[i]);
    return problem(what + " refers to '" + ref.root + "', which is not a step",
                   did_you_mean(ref.root, earlier, "steps it can refer to"));
  }
  auto hint = "it must name the output of a step that comes earlier in the flow";
  if (*index == before)
    return problem(what + " refers to the output of its own step", hint);
  if (*index > before)
    return problem(what + " refers to step '" + ref.root + "', which runs later", hint);
  return std::nullopt;
}

std::optional<config_error> reference_checker::input(const reference& ref) const {
  if (ref.fields.empty())
    return problem(braced(ref) + " must name an input",
                   "e.g. {{inputs.NAME}}; declared inputs: " + join_names(inputs_));
  const auto& name = ref.fields.front();
  if (std::find(inputs_.begin(), inputs_.end(), name) == inputs_.end())
    return problem(braced(ref) + " uses input '" + name + "', which is not declared",
                   did_you_mean(name, inputs_, "declared inputs") + "; declare it under "
                                                                    "\"inputs\"");
  if (ref.fields.size() > 1)
    return problem(braced(ref) + " looks inside input '" + name +
                       "', but inputs are plain strings",
                   "use {{inputs." + name + "}}");
  return std::nullopt;
}

std::optional<config_error> reference_checker::loop(const reference& ref) const {
  if (ref.fields.size() == 1 && ref.fields.front() == "query")
    return std::nullopt;
  return problem("unknown loop value " + braced(ref),
                 "the only loop value is {{loop.query}}, the follow-up query of a "
                 "loop_back");
}

std::optional<config_error> reference_checker::earlier_step(const reference& ref,
                                                            size_t step) const {
  auto target = *step_index(ref.root);
  if (target < step)
    return std::nullopt;
  auto hint = "a step can only use inputs and the outputs of steps before it";
  if (target == step)
    return problem(braced(ref) + " refers to this step's own output", hint);
  return problem(braced(ref) + " refers to step '" + ref.root + "', which runs later",
                 hint);
}

config_error reference_checker::dangling(const reference& ref, size_t step,
                                         bool has_item) const {
  std::vector<std::string> roots{"inputs"};
  std::vector<std::string> valid;
  for (const auto& name : inputs_)
    valid.push_back("inputs." + name);
  for (size_t i = 0; i < step; ++i) {
    if (!step_ids_[i].empty()) {
      roots.push_back(step_ids_[i]);
      valid.push_back(step_ids_[i]);
    }
  }
  if (has_item) {
    roots.push_back("item");
    valid.push_back("item");
  }
  roots.push_back("loop");
  valid.push_back("loop.query");
  std::string hint;
  if (auto best = closest_name(ref.root, roots))
    hint = "did you mean '" + *best + "'? ";
  return problem("dangling reference " + braced(ref) +
                     ": there is no input, step or "
                     "value called '" +
                     ref.root + "'",
                 hint + "valid here: " + join_names(valid));
}

} // namespace troupe

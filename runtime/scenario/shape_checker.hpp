#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/reference.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace troupe {

/// Checks, before anything runs, that what each step's `with` gives fits the
/// input shape its agent type declares (notation: json_shape.hpp). A value
/// that is exactly `{{STEP...}}` gives the output shape the producing step's
/// agent type declares (an array of them for a `for_each` step), `{{item...}}`
/// an element of the step's `for_each` array, `{{inputs.X}}`, `{{loop.query}}`
/// and text give strings, other values their literal shape. Where a type
/// declares no shape, nothing is checked. Reads the spec the other readers
/// built; reference errors are theirs, so broken references check nothing.
class shape_checker {
public:
  shape_checker(load_context& ctx, const agent_registry& registry,
                const scenario_spec& spec);

  /// Reports each registered agent type whose declared shapes are not valid
  /// notation (a bug in its registration); such shapes are not used.
  void check_types();

  /// Reports each step input whose value does not fit, at the value.
  void check_flow();

private:
  /// What a step outputs: its shape ("any" when undeclared) and, when
  /// declared, the agent type and the shape of one task's output, for hints.
  struct output {
    boost::json::value shape = "any";
    std::string type;
    boost::json::value task_shape;
  };

  /// What a `with` value gives, and how to name it in a message.
  struct given {
    boost::json::value shape = "any";
    std::string what;             // "step 'summarize'", "'{{item}}'", "the text"
    const output* from = nullptr; // the producing step's output, if declared
    std::string stray_field;      // the problem, when a reference names a field
                                  // that is not in the producer's shape
  };

  output agent_output(const agent_spec& agent);
  boost::json::value derived_output(const agent_type& type, const agent_spec& agent);
  static const boost::json::object* input_fields(const agent_type& type);
  void check_step(size_t index);
  void check_input(size_t index, const agent_type& type, const std::string& name,
                   const boost::json::value& expected, const boost::json::value& value);
  given given_by(const boost::json::value& value, size_t index) const;
  boost::json::value string_shape(const boost::json::string& text, size_t index) const;
  given of_reference(const reference& ref, size_t index) const;
  given of_step(const reference& ref, size_t index, given out) const;
  given of_item(const reference& ref, size_t index) const;
  void follow(const output& from, boost::json::value shape, const reference& ref,
              given& out) const;
  std::string input_name(size_t index, const std::string& name) const;

  load_context& ctx_;
  const agent_registry& registry_;
  const scenario_spec& spec_;
  std::vector<output> steps_; // in flow order, as far as checked
};

} // namespace troupe

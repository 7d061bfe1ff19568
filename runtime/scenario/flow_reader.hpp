#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/reference_checker.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// Reads the `flow` array against the agents and inputs of `spec`. Every
/// `{{reference}}` in a step's `with`, its `for_each` and its `loop_back`
/// target must point at something that exists when the step runs, and every
/// input the step's agent type requires must be given. A step's `where` is
/// read by where_reader.
class flow_reader {
public:
  flow_reader(load_context& ctx, const agent_registry& registry,
              const scenario_spec& spec);

  std::vector<step_spec> read(const boost::json::object& root);

  /// Step ids as written, in flow order; "" where a step has no valid id.
  static std::vector<std::string> step_ids(const boost::json::array& flow);

private:
  step_spec read_step(const boost::json::value& value, size_t index,
                      const std::string& pointer);
  void read_id(const boost::json::object& obj, size_t index, const std::string& pointer,
               step_spec& step);
  void read_agent(const boost::json::object& obj, const std::string& pointer,
                  step_spec& step);
  void read_for_each(const boost::json::object& obj, size_t index,
                     const std::string& pointer, step_spec& step);
  void read_with(const boost::json::object& obj, size_t index, const std::string& pointer,
                 step_spec& step);
  void check_templates(const boost::json::value& value, const std::string& pointer,
                       size_t index, bool has_item);
  void check_template(const boost::json::string& text, const std::string& pointer,
                      size_t index, bool has_item);
  void check_required_inputs(const boost::json::object& obj, const std::string& pointer,
                             const step_spec& step);
  void read_loop_back(const boost::json::object& obj, size_t index,
                      const std::string& pointer, step_spec& step);
  void read_max_rounds(const boost::json::object& loop, const std::string& pointer,
                       loop_back_spec& loop_back);

  load_context& ctx_;
  const agent_registry& registry_;
  const scenario_spec& spec_;
  std::vector<std::string> ids_;             // of all steps, see step_ids()
  std::optional<reference_checker> checker_; // set once all step ids are known
  std::string step_name_; // "step 'ID'" of the step being read, for messages
};

} // namespace troupe

#pragma once

#include "runtime/messages/json_text.hpp"

#include <boost/json.hpp>
#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// The orchestrator asks an agent to do one unit of work. `inputs` holds the
/// step's resolved `with` values; `span_id` is the span of this task, the
/// parent of every model or tool call the agent makes for it.
struct task {
  std::string run_id;
  std::string step_id;
  std::string agent_id;
  std::string span_id;
  std::string parent_span;
  boost::json::value inputs;
  int32_t round = 0;
  int32_t item_index = -1;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, task& x) {
  return f(caf::meta::type_name("task"), x.run_id, x.step_id, x.agent_id, x.span_id,
           x.parent_span, json_text{&x.inputs}, x.round, x.item_index);
}

} // namespace troupe

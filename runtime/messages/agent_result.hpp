#pragma once

#include "runtime/messages/json_text.hpp"

#include <boost/json.hpp>
#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// An agent's answer to a task. A non-empty `needs_more` asks the
/// orchestrator for a loop-back round with that follow-up query.
struct agent_result {
  std::string step_id;
  std::string agent_id;
  boost::json::value output;
  std::string needs_more;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, agent_result& x) {
  return f(caf::meta::type_name("agent_result"), x.step_id, x.agent_id,
           json_text{&x.output}, x.needs_more);
}

} // namespace troupe

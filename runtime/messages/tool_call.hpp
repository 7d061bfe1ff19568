#pragma once

#include "runtime/messages/json_text.hpp"

#include <boost/json.hpp>
#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// An agent calls a tool: `args` is the tool's own JSON argument object
/// (a corpus tool takes {"query", "max_results"}); `parent_span` is the
/// calling task's span.
struct tool_call {
  std::string run_id;
  std::string agent_id;
  std::string parent_span;
  boost::json::value args;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, tool_call& x) {
  return f(caf::meta::type_name("tool_call"), x.run_id, x.agent_id, x.parent_span,
           json_text{&x.args});
}

} // namespace troupe

#pragma once

#include "runtime/messages/json_text.hpp"

#include <boost/json.hpp>
#include <caf/meta/type_name.hpp>

namespace troupe {

/// A tool's answer to a tool_call, as JSON the tool documents.
struct tool_result {
  boost::json::value output;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, tool_result& x) {
  return f(caf::meta::type_name("tool_result"), json_text{&x.output});
}

} // namespace troupe

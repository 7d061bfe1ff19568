#pragma once

#include "runtime/messages/json_text.hpp"

#include <boost/json.hpp>
#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// One line of a run's trace. `kind` is one of the kinds listed in
/// docs/architecture.md (run_start, step_start, task, result, model_call,
/// tool_call, ...); `attributes` carries kind-specific fields.
struct trace_event {
  std::string kind;
  int64_t ts_us = 0;
  std::string run_id;
  std::string span_id;
  std::string parent_span;
  std::string from;
  std::string to;
  std::string message_type;
  int64_t duration_us = 0;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double cost_usd = 0.0;
  std::string status;
  boost::json::value attributes;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trace_event& x) {
  return f(caf::meta::type_name("trace_event"), x.kind, x.ts_us, x.run_id, x.span_id,
           x.parent_span, x.from, x.to, x.message_type, x.duration_us, x.input_tokens,
           x.output_tokens, x.cost_usd, x.status, json_text{&x.attributes});
}

} // namespace troupe

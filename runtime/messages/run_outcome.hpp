#pragma once

#include "runtime/messages/json_text.hpp"

#include <boost/json.hpp>
#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// What an orchestrator reports when its run ends. `status` is "succeeded",
/// "failed", "deadline_exceeded" or "step_limit_exceeded"; `outputs` maps
/// each completed step id to its latest output.
struct run_outcome {
  std::string run_id;
  std::string status;
  std::string error;
  int32_t steps_completed = 0;
  int32_t loop_rounds = 0;
  boost::json::value outputs;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_outcome& x) {
  return f(caf::meta::type_name("run_outcome"), x.run_id, x.status, x.error,
           x.steps_completed, x.loop_rounds, json_text{&x.outputs});
}

} // namespace troupe

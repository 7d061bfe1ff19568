#pragma once

#include "runtime/messages/json_text.hpp"

#include <boost/json.hpp>
#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// Orchestrator → state writer, after every completed step and when the run
/// ends: how far the run got (`progress`: the flow's snapshot and the
/// guards' counters) and its status ("running" until it ends).
struct run_checkpoint {
  std::string status;
  boost::json::value progress;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_checkpoint& x) {
  return f(caf::meta::type_name("run_checkpoint"), x.status, json_text{&x.progress});
}

} // namespace troupe

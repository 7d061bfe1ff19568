#pragma once

#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// An agent asks a person to approve what the run has produced so far:
/// `subject` is one line, `summary` what the person should read first.
struct approval_request {
  std::string run_id;
  std::string step_id;
  std::string agent_id;
  std::string subject;
  std::string summary;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, approval_request& x) {
  return f(caf::meta::type_name("approval_request"), x.run_id, x.step_id, x.agent_id,
           x.subject, x.summary);
}

} // namespace troupe

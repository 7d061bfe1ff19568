#pragma once

#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// A person's answer to an approval_request; `decided_by` says how it was
/// given (the --approve flag, the terminal), `note` what they added.
struct approval_decision {
  bool approved = false;
  std::string decided_by;
  std::string note;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, approval_decision& x) {
  return f(caf::meta::type_name("approval_decision"), x.approved, x.decided_by, x.note);
}

} // namespace troupe

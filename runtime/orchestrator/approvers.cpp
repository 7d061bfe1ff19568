#include "runtime/orchestrator/approvers.hpp"

#include "runtime/errors.hpp"

#include <caf/event_based_actor.hpp>
#include <cstdio>
#include <iostream>
#include <string>

namespace troupe {

namespace {

approver_actor::behavior_type fixed_approver(bool approve) {
  return {
      [approve](approval_request&) {
        return approval_decision{approve, approve ? "--approve" : "--reject", ""};
      },
  };
}

approver_actor::behavior_type no_approver() {
  return {
      [](approval_request& req) -> caf::result<approval_decision> {
        return make_error(errc::invalid_input,
                          "step '" + req.step_id +
                              "' needs a person's approval, and "
                              "stdin is not a terminal: run again with --approve or "
                              "--reject");
      },
  };
}

/// Reads "y"/"yes" or "n"/"no", then an optional note. End of input rejects:
/// nothing is approved that nobody saw.
approval_decision ask_terminal(const approval_request& req) {
  std::fprintf(stderr, "\n== approval needed: %s (step '%s')\n%s\n", req.subject.c_str(),
               req.step_id.c_str(), req.summary.c_str());
  std::string answer;
  for (;;) {
    std::fprintf(stderr, "approve? [y/n] ");
    std::fflush(stderr);
    if (!std::getline(std::cin, answer))
      return {false, "terminal", "no answer (end of input)"};
    if (answer == "y" || answer == "yes" || answer == "n" || answer == "no")
      break;
  }
  std::fprintf(stderr, "note (optional): ");
  std::fflush(stderr);
  std::string note;
  std::getline(std::cin, note);
  return {answer[0] == 'y', "terminal", note};
}

approver_actor::behavior_type terminal_approver() {
  return {
      [](approval_request& req) { return ask_terminal(req); },
  };
}

} // namespace

approver_actor spawn_approver(caf::actor_system& sys, approval_mode mode) {
  switch (mode) {
  case approval_mode::approve:
    return sys.spawn(fixed_approver, true);
  case approval_mode::reject:
    return sys.spawn(fixed_approver, false);
  case approval_mode::terminal:
    return sys.spawn<caf::detached>(terminal_approver);
  case approval_mode::none:
    break;
  }
  return sys.spawn(no_approver);
}

} // namespace troupe

#pragma once

// The approval agent stops the run for a person's decision.
//   orchestrator --task{summary, subject?}--> approval --approval_request--> approver
//   orchestrator <--{approved, decided_by, note, summary}-- approval
// A rejection fails the task with errc::rejected: the run ends with status
// "rejected" (troupe exits 6) and the steps after it do not run. The
// decision is recorded in the trace as an agent_event "approval".

#include "troupe/agent.hpp"

namespace troupe {

class approval_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe

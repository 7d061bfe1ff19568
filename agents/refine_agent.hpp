#pragma once

// The refine agent checks the analysis and writes the report.
//   orchestrator --task{question, analysis, summaries}--> refine --model_request-->
//   router orchestrator <--{report, summary, supported, unsupported, gaps, ...}-- refine
// Each key point of the analysis becomes a claim the model checks against the
// summaries; unsupported claims are listed apart, citations are limited to
// the sources search returned. When the model names gaps and a follow-up
// query, the reply asks the orchestrator for another search round (the
// scenario's loop_back bounds how many).
// Prompt variables: question, documents, claims.

#include "troupe/agent.hpp"

namespace troupe {

class refine_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe

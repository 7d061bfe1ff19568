#pragma once

// The analyze agent looks across all summaries.
//   orchestrator --task{question, summaries}--> analyze --model_request--> router
//   orchestrator <--{trends, key_points, gaps, model}-- analyze
// Prompt variables: question, documents (one <document> block per summary).

#include "troupe/agent.hpp"

namespace troupe {

class analyze_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe

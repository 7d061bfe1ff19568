#pragma once

// The summarize agent condenses one source.
//   orchestrator --task{question, source}--> summarize --model_request--> router
//   orchestrator <--{source_id, title, path, findings, model}-- summarize
// A for_each step sends one task per source; they run in parallel.
// Prompt variables: question, source_id, source_title, source_text.

#include "troupe/agent.hpp"

namespace troupe {

class summarize_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe

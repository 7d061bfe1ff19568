#pragma once

// The analyze agent looks across all summaries.
//   orchestrator --task{question, summaries}--> analyze --model_request--> router
//   orchestrator <--agent_result{trends, key_points, gaps}-- analyze
// Prompt variables: question, documents (one <document> block per summary).

#include "runtime/agent/agent_actor.hpp"
#include "runtime/agent/agent_env.hpp"

namespace troupe {

struct analyze_state {
  static inline const char* name = "analyze_agent";
};

agent_actor::behavior_type
analyze_agent(agent_actor::stateful_pointer<analyze_state> self, agent_env env);

} // namespace troupe

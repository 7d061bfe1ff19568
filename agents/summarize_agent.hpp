#pragma once

// The summarize agent condenses one source.
//   orchestrator --task{question, source}--> summarize --model_request--> router
//   orchestrator <--agent_result{source_id, title, findings}-- summarize
// A for_each step sends one task per source; they run in parallel.
// Prompt variables: question, source_id, source_title, source_text.

#include "runtime/agent/agent_actor.hpp"
#include "runtime/agent/agent_env.hpp"

namespace troupe {

struct summarize_state {
  static inline const char* name = "summarize_agent";
};

agent_actor::behavior_type
summarize_agent(agent_actor::stateful_pointer<summarize_state> self, agent_env env);

} // namespace troupe

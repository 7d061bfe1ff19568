#pragma once

// The refine agent checks the analysis and writes the report.
//   orchestrator --task{question, analysis, summaries}--> refine --model_request-->
//   router orchestrator <--agent_result{report, ...; needs_more}-- refine
// Each key point of the analysis becomes a claim the model checks against the
// summaries; unsupported claims are listed apart, citations are limited to
// the sources search returned. When the model names gaps and a follow-up
// query, the result's needs_more asks the orchestrator for another search
// round (the scenario's loop_back bounds how many).
// Prompt variables: question, documents, claims.

#include "runtime/agent/agent_actor.hpp"
#include "runtime/agent/agent_env.hpp"

namespace troupe {

struct refine_state {
  static inline const char* name = "refine_agent";
};

agent_actor::behavior_type refine_agent(agent_actor::stateful_pointer<refine_state> self,
                                        agent_env env);

} // namespace troupe

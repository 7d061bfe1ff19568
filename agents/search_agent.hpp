#pragma once

// The search agent gathers sources.
//   orchestrator --task{query, followup}--> search --search_request--> tool
//   orchestrator <--agent_result{sources}-- search <--search_results-- tool
// It remembers every source it returned in this run: a follow-up round
// (loop-back) searches for the follow-up query and answers with the earlier
// sources plus the new ones, so later steps see the whole picture.
// Params: "tool" (required, a search tool id), "max_sources" (default 6).

#include "runtime/agent/agent_actor.hpp"
#include "runtime/agent/agent_env.hpp"

#include <string>
#include <vector>

namespace troupe {

struct search_state {
  static inline const char* name = "search_agent";
  std::vector<search_hit> sources;
};

agent_actor::behavior_type search_agent(agent_actor::stateful_pointer<search_state> self,
                                        agent_env env);

} // namespace troupe

#pragma once

// The search agent gathers sources.
//   orchestrator --task{query, followup}--> search --tool_call{query}--> tool
//   orchestrator <--{query, sources, new_sources}-- search <--{hits}-- tool
// It remembers every source it returned in this run: a follow-up round
// (loop-back) searches for the follow-up query and answers with the earlier
// sources plus the new ones, so later steps see the whole picture.
// Params: "tool" (required, a search tool id), "max_sources" (default 6).

#include "troupe/agent.hpp"

#include <vector>

namespace troupe {

class search_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;

private:
  /// Appends the hits not seen before; returns how many were new.
  int merge(const boost::json::array& hits);

  std::vector<boost::json::object> sources_;
};

} // namespace troupe

#include "agents/builtin_agents.hpp"

#include "agents/analyze_agent.hpp"
#include "agents/approval_agent.hpp"
#include "agents/load_file_agent.hpp"
#include "agents/refine_agent.hpp"
#include "agents/search_agent.hpp"
#include "agents/sections_agent.hpp"
#include "agents/structured_agent.hpp"
#include "agents/summarize_agent.hpp"
#include "agents/table_report_agent.hpp"
#include "runtime/agent/registry_catalog.hpp"

namespace troupe {

void register_builtin_agents(agent_catalog& catalog) {
  catalog.add<search_agent>(search_agent::info());
  catalog.add<summarize_agent>(summarize_agent::info());
  catalog.add<analyze_agent>(analyze_agent::info());
  catalog.add<refine_agent>(refine_agent::info());
  catalog.add<approval_agent>(approval_agent::info());
  catalog.add<structured_agent>(structured_agent::info());
  catalog.add<load_file_agent>(load_file_agent::info());
  catalog.add<sections_agent>(sections_agent::info());
  catalog.add<table_report_agent>(table_report_agent::info());
}

void register_builtin_agents(agent_registry& registry) {
  registry_catalog catalog{registry};
  register_builtin_agents(catalog);
}

} // namespace troupe

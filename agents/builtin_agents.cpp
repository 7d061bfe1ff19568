#include "agents/builtin_agents.hpp"

#include "agents/analyze_agent.hpp"
#include "agents/refine_agent.hpp"
#include "agents/search_agent.hpp"
#include "agents/summarize_agent.hpp"

namespace troupe {

namespace {

agent_type model_agent(std::string name, std::string description,
                       std::vector<std::string> inputs, std::vector<std::string> vars,
                       agent_factory factory) {
  agent_type t;
  t.name = std::move(name);
  t.description = std::move(description);
  t.required_inputs = std::move(inputs);
  t.prompt_variables = std::move(vars);
  t.needs_prompt = true;
  t.needs_route = true;
  t.factory = std::move(factory);
  return t;
}

agent_type search_type() {
  agent_type t;
  t.name = "search";
  t.description = "gathers sources from a search tool; remembers them across rounds";
  t.required_inputs = {"query"};
  t.tool_params = {"tool"};
  t.factory = make_agent_factory(search_agent);
  return t;
}

} // namespace

void register_builtin_agents(agent_registry& registry) {
  registry.add(search_type());
  registry.add(model_agent("summarize", "condenses one source into key findings",
                           {"question", "source"},
                           {"question", "source_id", "source_title", "source_text"},
                           make_agent_factory(summarize_agent)));
  registry.add(model_agent("analyze",
                           "finds trends, key points and gaps across summaries",
                           {"question", "summaries"}, {"question", "documents"},
                           make_agent_factory(analyze_agent)));
  registry.add(model_agent("refine",
                           "checks the analysis against the summaries and writes the "
                           "cited report; may ask for another search round",
                           {"question", "analysis", "summaries"},
                           {"question", "documents", "claims"},
                           make_agent_factory(refine_agent)));
}

} // namespace troupe

#include "agents/builtin_agents.hpp"
#include "runtime/errors.hpp"
#include "support/test_system.hpp"
#include "tools/builtin_tools.hpp"

#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>

using namespace troupe;

namespace {

agent_type named(std::string name, std::string description) {
  agent_type t;
  t.name = std::move(name);
  t.description = std::move(description);
  return t;
}

} // namespace

TEST_CASE("the built-in agent and tool types are registered by name") {
  agent_registry agents;
  register_builtin_agents(agents);
  CHECK(agents.names() ==
        std::vector<std::string>{"analyze", "approval", "load_file", "refine", "search",
                                 "sections", "structured", "summarize", "table_report"});
  const auto* summarize = agents.find("summarize");
  REQUIRE(summarize != nullptr);
  CHECK(summarize->needs_prompt);
  CHECK(summarize->needs_route);
  CHECK(summarize->factory);
  CHECK(agents.find("summarise") == nullptr);
  tool_registry tools;
  register_builtin_tools(tools);
  CHECK(tools.names() == std::vector<std::string>{"corpus", "files"});
}

TEST_CASE("a registered factory spawns an agent that answers tasks") {
  agent_registry agents;
  register_builtin_agents(agents);
  test::test_system ts;
  agent_spec spec;
  spec.id = "s";
  spec.type = "search";
  agent_env env{"run-1", spec, {}, {}, {}, {}, {}, {}};
  auto agent = agents.find("search")->factory(ts.sys, std::move(env));
  REQUIRE(agent);
  caf::scoped_actor self{ts.sys};
  task t;
  t.step_id = "search";
  t.agent_id = "s";
  t.inputs = boost::json::object{{"query", "batteries"}};
  std::string answer;
  self->request(agent, std::chrono::seconds{5}, t)
      .receive([&](agent_result&) { answer = "a result"; },
               [&](caf::error& err) { answer = describe(err); });
  // No corpus tool was wired in, so the agent says so instead of searching.
  CHECK_THAT(answer, Catch::Contains("has no tool"));
  self->send_exit(agent, caf::exit_reason::user_shutdown);
}

TEST_CASE("registering a name again replaces the type") {
  agent_registry agents;
  agents.add(named("echo", "first"));
  agents.add(named("echo", "second"));
  CHECK(agents.names() == std::vector<std::string>{"echo"});
  CHECK(agents.find("echo")->description == "second");
}

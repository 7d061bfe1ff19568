// The actor a `troupe node` publishes, in one process: what it refuses and
// what it starts. The network part (allow list against a real peer address,
// node loss) is in distributed_run_test.cpp.

#include "agents/builtin_agents.hpp"
#include "runtime/errors.hpp"
#include "runtime/node/agent_node.hpp"
#include "support/test_system.hpp"

#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>

using namespace troupe;

namespace {

struct node_fixture {
  agent_registry agents;
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  std::vector<std::string> logged;

  node_fixture() { register_builtin_agents(agents); }

  node_actor start(std::set<std::string> hosted, std::string token) {
    node_config config;
    config.agents = &agents;
    config.hosted = std::move(hosted);
    config.token = std::move(token);
    return ts.sys.spawn(agent_node, std::move(config));
  }

  /// The node's answer: "agent" for a started agent, else the error.
  std::string ask(const node_actor& node, const std::string& type, std::string token) {
    spawn_agent req;
    req.env.run_id = "run-1";
    req.env.spec.id = type;
    req.env.spec.type = type;
    req.token = std::move(token);
    std::string answer;
    self->request(node, std::chrono::seconds{5}, req)
        .receive(
            [&](caf::actor& agent) {
              answer = agent ? "agent" : "no agent";
              self->send_exit(agent, caf::exit_reason::user_shutdown);
            },
            [&](caf::error& err) {
              CHECK(has_code(err, errc::node_refused));
              answer = describe(err);
            });
    return answer;
  }
};

} // namespace

TEST_CASE_METHOD(node_fixture, "a node starts the agent types it hosts", "[agent_node]") {
  auto node = start({"summarize"}, "");
  CHECK(ask(node, "summarize", "") == "agent");
  CHECK(ask(node, "analyze", "") ==
        "the node refuses: this node does not host agent type 'analyze'");
  CHECK(ask(node, "nope", "") ==
        "the node refuses: this node does not host agent type 'nope'");
  self->send_exit(node, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(node_fixture, "a node that hosts every type knows only registered ones",
                 "[agent_node]") {
  auto node = start({}, "");
  CHECK(ask(node, "refine", "") == "agent");
  CHECK_THAT(ask(node, "fact_check", ""),
             Catch::Contains("agent type 'fact_check' is not registered on this node") &&
                 Catch::Contains("--plugin PATH"));
  self->send_exit(node, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(node_fixture, "a node with a token checks it before anything else",
                 "[agent_node]") {
  auto node = start({"summarize"}, "s3cret");
  CHECK_THAT(ask(node, "summarize", ""), Catch::Contains("this node needs a token"));
  CHECK_THAT(ask(node, "summarize", "guess"), Catch::Contains("wrong token"));
  CHECK_THAT(ask(node, "analyze", "guess"), Catch::Contains("wrong token"));
  CHECK(ask(node, "summarize", "s3cret") == "agent");
  self->send_exit(node, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(node_fixture, "a node lists the types it hosts, sorted",
                 "[agent_node]") {
  node_config config;
  config.agents = &agents;
  CHECK(hosted_types(config) == agents.names());
  config.hosted = {"summarize", "analyze"};
  CHECK(hosted_types(config) == std::vector<std::string>{"analyze", "summarize"});
}

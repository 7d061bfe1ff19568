// The agent host: how the public agent API behaves around one task, without
// a scenario. Agents here are registered exactly as a plugin registers them.

#include "runtime/agent/registry_catalog.hpp"
#include "runtime/errors.hpp"
#include "support/test_system.hpp"
#include "troupe/agent.hpp"

#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>

using namespace troupe;

namespace {

/// Counts its tasks in a member: the state an agent keeps across tasks.
class counter : public agent {
public:
  void on_task(task_context ctx) override {
    ++seen_;
    if (ctx.input().contains("drop"))
      return; // neither reply nor fail
    if (ctx.input().contains("throw"))
      throw std::runtime_error{"the counter broke"};
    ctx.reply({{"seen", seen_}, {"agent", ctx.agent_id()}});
    ctx.reply({{"seen", -1}}); // a second answer is ignored
  }

private:
  int64_t seen_ = 0;
};

struct host_fixture {
  agent_registry agents;
  test::test_system ts;
  caf::scoped_actor self{ts.sys};
  agent_actor agent;

  host_fixture() {
    registry_catalog catalog{agents};
    agent_info info;
    info.name = "counter";
    info.input = boost::json::parse(R"({"n": "integer", "drop?": "boolean"})");
    catalog.add<counter>(info);
    agent_spec spec;
    spec.id = "c";
    spec.type = "counter";
    agent = agents.find("counter")->factory(
        ts.sys, agent_env{"run-1", spec, {}, {}, {}, {}, {}, {}});
  }

  ~host_fixture() { self->send_exit(agent, caf::exit_reason::user_shutdown); }

  /// The task's output as JSON text, or the error's description.
  std::string ask(boost::json::object inputs) {
    task t;
    t.step_id = "count";
    t.agent_id = "c";
    t.span_id = "run/count#1/t0";
    t.inputs = std::move(inputs);
    std::string answer;
    self->request(agent, std::chrono::seconds{5}, t)
        .receive([&](agent_result& r) { answer = boost::json::serialize(r.output); },
                 [&](caf::error& err) { answer = "error: " + describe(err); });
    return answer;
  }
};

} // namespace

TEST_CASE("agent_info's input shape gives the required inputs") {
  agent_registry agents;
  registry_catalog catalog{agents};
  agent_info info;
  info.name = "counter";
  info.input =
      boost::json::parse(R"({"n": "integer", "drop?": "boolean", "x": "string"})");
  catalog.add<counter>(info);
  CHECK(agents.find("counter")->required_inputs == std::vector<std::string>{"n", "x"});
  CHECK_FALSE(agents.find("counter")->needs_route);
}

TEST_CASE_METHOD(host_fixture, "an agent's members persist across its tasks") {
  CHECK(ask({{"n", 1}}) == R"({"seen":1,"agent":"c"})");
  CHECK(ask({{"n", 2}}) == R"({"seen":2,"agent":"c"})");
}

TEST_CASE_METHOD(host_fixture, "a task dropped without an answer fails at once") {
  auto answer = ask({{"drop", true}});
  CHECK_THAT(answer, Catch::Contains("error: agent 'c' (type counter) ended task "
                                     "run/count#1/t0 without reply() or fail()"));
}

TEST_CASE_METHOD(host_fixture, "an exception fails the task with its text") {
  auto answer = ask({{"throw", true}});
  CHECK(answer == "error: unhandled exception: the counter broke");
}

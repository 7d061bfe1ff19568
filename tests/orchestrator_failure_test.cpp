// How runs end when agents misbehave: always with a status, a cause and a
// readable trace, never with a hang.

#include "runtime/agent/crash_report.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace troupe;

namespace {

agent_actor::behavior_type crashing_agent(agent_actor::pointer self, agent_env) {
  report_crashes(self);
  return {[](task&) -> agent_result { throw std::runtime_error("kaboom"); }};
}

agent_actor::behavior_type failing_agent(agent_actor::pointer, agent_env) {
  return {[](task&) -> caf::result<agent_result> {
    return make_error(errc::agent_failed, "the flux capacitor is empty");
  }};
}

agent_actor::behavior_type silent_agent(agent_actor::pointer self, agent_env) {
  return {[=](task&) -> caf::result<agent_result> {
    // Keeps the promise pending forever: only a guard can end the run.
    return self->make_response_promise<agent_result>();
  }};
}

/// Always wants another round, with a new query each time.
agent_actor::behavior_type insatiable_agent(agent_actor::pointer, agent_env) {
  return {[](task& t) -> agent_result {
    return {t.step_id, t.agent_id, boost::json::object{},
            "more " + std::to_string(t.round)};
  }};
}

struct failure_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  test::test_system ts;

  failure_fixture() {
    for (auto [name, fn] :
         {std::pair{"crasher", crashing_agent}, std::pair{"failer", failing_agent},
          std::pair{"silent", silent_agent}, std::pair{"insatiable", insatiable_agent}}) {
      agent_type t;
      t.name = name;
      t.factory = make_agent_factory(fn);
      agents.add(std::move(t));
    }
  }

  run_report run(const std::string& type, const std::string& extra = "") {
    auto text = R"({"name": "f", "agents": {"a": {"type": ")" + type +
                R"("}}, "flow": [{"id": "s1", "agent": "a")" + extra + "}]" +
                (extra.empty() ? "" : R"(, "limits": {"max_steps": 3})") + "}";
    scenario_loader loader{agents, tools};
    auto loaded = loader.load_text(text, "failure.json", tmp.str());
    for (const auto& e : loaded.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(loaded.spec);
    loaded.spec->limits.deadline = std::chrono::milliseconds{800};
    run_options opts;
    opts.out_dir = tmp.file("run");
    auto report = execute_run(ts.sys, *loaded.spec, agents, tools, opts);
    REQUIRE(report);
    return std::move(*report);
  }
};

} // namespace

TEST_CASE_METHOD(failure_fixture, "a crashing agent fails the run with its cause") {
  auto report = run("crasher");
  CHECK(report.outcome.status == "failed");
  CHECK_THAT(report.outcome.error, Catch::Contains("agent 'a' crashed during step 's1'"));
  CHECK_THAT(report.outcome.error, Catch::Contains("kaboom"));
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "agent_down") == 1);
  REQUIRE(events.back().at("kind") == "run_end");
  CHECK(events.back().at("status") == "failed");
  CHECK_THAT(test::slurp(report.report_path), Catch::Contains("kaboom"));
}

TEST_CASE_METHOD(failure_fixture,
                 "an agent error fails the run with the agent's message") {
  auto report = run("failer");
  CHECK(report.outcome.status == "failed");
  CHECK_THAT(report.outcome.error,
             Catch::Contains("step 's1' (agent 'a'): the flux capacitor is empty"));
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "result") == 1);
  CHECK(events.back().at("status") == "failed");
}

TEST_CASE_METHOD(failure_fixture, "a run that never answers stops at its deadline") {
  auto report = run("silent");
  CHECK(report.outcome.status == "deadline_exceeded");
  CHECK_THAT(report.outcome.error, Catch::Contains("during step 's1'"));
  auto events = test::read_trace(report.trace_path);
  CHECK(events.back().at("status") == "deadline_exceeded");
}

TEST_CASE_METHOD(failure_fixture, "max_steps stops a run that keeps looping") {
  auto report = run("insatiable", R"(, "loop_back": {"to": "s1", "max_rounds": 10})");
  CHECK(report.outcome.status == "step_limit_exceeded");
  CHECK(report.outcome.steps_completed == 3);
  CHECK_THAT(report.outcome.error, Catch::Contains("limits.max_steps (3)"));
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "loop_back") == 3);
}

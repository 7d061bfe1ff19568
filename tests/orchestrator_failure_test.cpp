// How runs end when agents misbehave: always with a status, a cause and a
// readable trace, never with a hang.

#include "runtime/agent/registry_catalog.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/read_text_file.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <optional>
#include <stdexcept>
#include <thread>

using namespace troupe;

namespace {

/// Tasks seen by every flaky agent of a test, across its restarts: the
/// count must outlive the actor that crashes.
std::atomic<int> flaky_tasks{0};

class crashing_agent : public agent {
public:
  void on_task(task_context) override { throw std::runtime_error("kaboom"); }
};

class failing_agent : public agent {
public:
  void on_task(task_context ctx) override {
    ctx.fail(make_error(errc::agent_failed, "the flux capacitor is empty"));
  }
};

/// Keeps every task pending forever: only a guard can end the run.
class silent_agent : public agent {
public:
  void on_task(task_context ctx) override { pending_.push_back(std::move(ctx)); }

private:
  std::vector<task_context> pending_;
};

/// Always wants another round, with a new query each time.
class insatiable_agent : public agent {
public:
  void on_task(task_context ctx) override {
    ctx.reply(boost::json::object{}, "more " + std::to_string(ctx.round()));
  }
};

/// Crashes on the first params.crashes tasks, then answers.
class flaky_agent : public agent {
public:
  void on_task(task_context ctx) override {
    if (++flaky_tasks <= ctx.params().at("crashes").as_int64())
      throw std::runtime_error("flaky crash " + std::to_string(flaky_tasks.load()));
    ctx.reply({{"after_crashes", flaky_tasks.load() - 1}});
  }
};

/// Leaves its first task pending (a hung call), answers the next ones.
class hangs_once_agent : public agent {
public:
  void on_task(task_context ctx) override {
    if (++flaky_tasks == 1)
      return hung_.push_back(std::move(ctx));
    ctx.reply({{"attempt", flaky_tasks.load()}});
  }

private:
  std::vector<task_context> hung_;
};

/// Holds its first task until the second, the same task sent again after a
/// timeout, arrives; then answers the first (late) before the second.
class late_once_agent : public agent {
public:
  void on_task(task_context ctx) override {
    if (++flaky_tasks == 1) {
      first_.emplace(std::move(ctx));
      return;
    }
    first_->reply({{"attempt", 1}});
    ctx.reply({{"attempt", flaky_tasks.load()}});
  }

private:
  std::optional<task_context> first_;
};

/// Answers with a number beyond a double's range, as a model's JSON may hold.
class infinite_agent : public agent {
public:
  void on_task(task_context ctx) override {
    ctx.reply(boost::json::parse(R"({"score": 1e999, "name": "big"})").as_object());
  }
};

agent_info named(const char* name) {
  agent_info info;
  info.name = name;
  return info;
}

struct failure_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  test::test_system ts;

  failure_fixture() {
    registry_catalog catalog{agents};
    catalog.add<crashing_agent>(named("crasher"));
    catalog.add<failing_agent>(named("failer"));
    catalog.add<silent_agent>(named("silent"));
    catalog.add<insatiable_agent>(named("insatiable"));
    catalog.add<flaky_agent>(named("flaky"));
    catalog.add<hangs_once_agent>(named("hangs_once"));
    catalog.add<late_once_agent>(named("late_once"));
    catalog.add<infinite_agent>(named("infinite"));
    flaky_tasks = 0;
  }

  scenario_spec load(const std::string& type, const std::string& extra = "",
                     const std::string& limits = R"({"max_steps": 3})",
                     const std::string& params = "{}") {
    auto text = R"({"name": "f", "agents": {"a": {"type": ")" + type +
                R"(", "params": )" + params +
                R"(}}, "flow": [{"id": "s1", "agent": "a")" + extra +
                R"(}], "limits": )" + limits + "}";
    scenario_loader loader{agents, tools};
    auto loaded = loader.load_text(text, "failure.json", tmp.str());
    for (const auto& e : loaded.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(loaded.spec);
    loaded.spec->limits.deadline = std::chrono::milliseconds{800};
    return std::move(*loaded.spec);
  }

  run_report run(const scenario_spec& spec, const std::string& dir = "run") {
    run_options opts;
    opts.out_dir = tmp.file(dir);
    auto report = execute_run(ts.sys, spec, agents, tools, opts);
    REQUIRE(report);
    return std::move(*report);
  }

  run_report run(const std::string& type, const std::string& extra = "",
                 const std::string& limits = R"({"max_steps": 3})",
                 const std::string& params = "{}") {
    return run(load(type, extra, limits, params));
  }
};

} // namespace

TEST_CASE_METHOD(failure_fixture, "a crashing agent fails the run with its cause") {
  auto report = run("crasher");
  CHECK(report.outcome.status == "failed");
  CHECK_THAT(report.outcome.error, Catch::Contains("agent 'a' crashed during step 's1' "
                                                   "after 3 restarts within 60 s "
                                                   "(limits.max_restarts)"));
  CHECK_THAT(report.outcome.error, Catch::Contains("kaboom"));
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "agent_restart") == 3);
  CHECK(test::count_kind(events, "task") == 4); // the first send and one per restart
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

TEST_CASE_METHOD(failure_fixture,
                 "an agent that crashes on its first tasks is restarted") {
  auto report = run("flaky", "", R"({"max_restarts": 3})", R"({"crashes": 2})");
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  CHECK(report.outcome.outputs.at("s1").at("after_crashes") == 2);
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "agent_restart") == 2);
  CHECK(test::count_kind(events, "agent_down") == 0);
  CHECK(test::count_kind(events, "task") == 3);
  bool restart_names_cause = false;
  for (const auto& e : events)
    if (e.at("kind") == "agent_restart")
      restart_names_cause |=
          e.at("attributes").at("error.message") == "unhandled exception: flaky crash 1";
  CHECK(restart_names_cause);
}

TEST_CASE_METHOD(failure_fixture, "max_restarts 0 fails the run at the first crash") {
  auto report = run("flaky", "", R"({"max_restarts": 0})", R"({"crashes": 1})");
  CHECK(report.outcome.status == "failed");
  CHECK_THAT(report.outcome.error, Catch::Contains("(limits.max_restarts is 0)") &&
                                       Catch::Contains("flaky crash 1"));
}

TEST_CASE_METHOD(failure_fixture, "a task that times out is sent again") {
  auto report =
      run("hangs_once", "", R"({"step_timeout_seconds": 0.1, "timeout_retries": 1})");
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  CHECK(report.outcome.outputs.at("s1").at("attempt") == 2);
  auto events = test::read_trace(report.trace_path);
  REQUIRE(test::count_kind(events, "task_timeout") == 1);
  for (const auto& e : events)
    if (e.at("kind") == "task_timeout")
      CHECK(e.at("attributes").at("retry") == true);
}

TEST_CASE_METHOD(failure_fixture, "the late answer to a timed-out task is dropped") {
  auto report =
      run("late_once", "", R"({"step_timeout_seconds": 0.1, "timeout_retries": 1})");
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  // The first send's answer came first, but only the resent task's counts.
  CHECK(report.outcome.outputs.at("s1").at("attempt") == 2);
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "result") == 1);
}

TEST_CASE_METHOD(failure_fixture,
                 "a task that keeps timing out fails after its retries") {
  auto report =
      run("silent", "", R"({"step_timeout_seconds": 0.1, "timeout_retries": 2})");
  CHECK(report.outcome.status == "failed");
  CHECK_THAT(report.outcome.error, Catch::Contains("timed out after"));
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "task_timeout") == 3);
  CHECK(test::count_kind(events, "task") == 3);
}

TEST_CASE_METHOD(failure_fixture,
                 "an output number beyond a double's range is null in the run's files") {
  auto report = run("infinite");
  REQUIRE(report.outcome.status == "succeeded");
  // Boost.JSON would write `Infinity`, which no JSON reader takes.
  for (auto file : {report.result_path, report.out_dir + "/state.json"}) {
    INFO(file);
    auto text = read_text_file(file);
    REQUIRE(text);
    CHECK(text->find("Infinity") == std::string::npos);
    boost::system::error_code ec;
    boost::json::parse(*text, ec);
    CHECK(!ec);
  }
  auto result = boost::json::parse(*read_text_file(report.result_path));
  CHECK(result.at("outputs").at("s1").at("score").is_null());
  CHECK(result.at("outputs").at("s1").at("name") == "big");
}

TEST_CASE_METHOD(failure_fixture, "max_handoffs stops a run however its steps loop") {
  auto report = run("insatiable", R"(, "loop_back": {"to": "s1", "max_rounds": 10})",
                    R"({"max_steps": 50, "max_handoffs": 4})");
  CHECK(report.outcome.status == "handoff_limit_exceeded");
  CHECK_THAT(report.outcome.error, Catch::Contains("limits.max_handoffs (4 tasks)"));
  CHECK(report.outcome.steps_completed == 4);
}

TEST_CASE_METHOD(failure_fixture,
                 "a crashing run does not disturb another run in the process") {
  auto crashing = load("crasher");
  auto fine = load("insatiable");
  run_options opts;
  opts.out_dir = tmp.file("fine");
  caf::expected<run_report> b{caf::error{}};
  // Catch assertions are not thread-safe: the other thread only runs.
  std::thread other{[&] { b = execute_run(ts.sys, fine, agents, tools, opts); }};
  auto a = run(crashing, "crash");
  other.join();
  CHECK(a.outcome.status == "failed");
  REQUIRE(b);
  CHECK(b->outcome.status == "succeeded");
}

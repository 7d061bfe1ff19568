// The router pattern end to end: a for_each step with `where` sends tasks
// only for the elements it keeps, and its output holds only their answers.

#include "runtime/agent/registry_catalog.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

using namespace troupe;

namespace {

/// What each agent was sent, by agent id: (ticket, item_index) per task.
struct task_log {
  std::mutex mutex;
  std::map<std::string, std::vector<std::pair<std::string, int32_t>>> received;
};

task_log& tasks_sent() {
  static task_log instance;
  return instance;
}

/// Answers with the tickets listed in its params, labelled by complexity.
class classifier_agent : public agent {
public:
  void on_task(task_context ctx) override { ctx.reply(ctx.params().at("tickets")); }
};

/// Answers a ticket with "AGENT:TICKET" and logs the task.
class answering_agent : public agent {
public:
  void on_task(task_context ctx) override {
    auto ticket = std::string{ctx.input().at("ticket").as_string()};
    {
      std::lock_guard<std::mutex> guard{tasks_sent().mutex};
      tasks_sent().received[ctx.agent_id()].emplace_back(ticket, ctx.item_index());
    }
    ctx.reply({{"answer", ctx.agent_id() + ":" + ticket}});
  }
};

/// Answers with its inputs, so a test sees what a later step was given.
class echo_agent : public agent {
public:
  void on_task(task_context ctx) override { ctx.reply(ctx.input()); }
};

agent_info named(const char* name) {
  agent_info info;
  info.name = name;
  return info;
}

struct where_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  test::test_system ts;

  where_fixture() {
    registry_catalog catalog{agents};
    catalog.add<classifier_agent>(named("classifier"));
    catalog.add<answering_agent>(named("answering"));
    catalog.add<echo_agent>(named("echo"));
    tasks_sent().received.clear();
  }

  /// Runs the triage flow; `simple` and `complex` are the two `where` values.
  run_report run(const std::string& simple, const std::string& complex) {
    auto text = R"({"name": "triage",
      "agents": {
        "classify": {"type": "classifier", "params": {"tickets": [
          {"ticket": "t0", "complexity": "simple"},
          {"ticket": "t1", "complexity": "complex"},
          {"ticket": "t2", "complexity": "simple"},
          {"ticket": "t3", "complexity": "urgent"},
          {"ticket": "t4"}]}},
        "answerer": {"type": "answering"},
        "expert": {"type": "answering"},
        "collect": {"type": "echo"}},
      "flow": [
        {"id": "classify", "agent": "classify"},
        {"id": "answer", "agent": "answerer", "for_each": "classify",
         "where": {"item.complexity": )" +
                simple + R"(}, "with": {"ticket": "{{item.ticket}}"}},
        {"id": "escalate", "agent": "expert", "for_each": "classify",
         "where": {"item.complexity": )" +
                complex + R"(}, "with": {"ticket": "{{item.ticket}}"}},
        {"id": "collect", "agent": "collect",
         "with": {"answers": "{{answer}}", "escalated": "{{escalate}}"}}]})";
    auto loaded =
        scenario_loader{agents, tools}.load_text(text, "triage.json", tmp.str());
    for (const auto& e : loaded.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(loaded.spec);
    run_options opts;
    opts.out_dir = tmp.file("run");
    auto report = execute_run(ts.sys, *loaded.spec, agents, tools, opts);
    REQUIRE(report);
    INFO(report->outcome.error);
    REQUIRE(report->outcome.status == "succeeded");
    return std::move(*report);
  }
};

using received_tasks = std::vector<std::pair<std::string, int32_t>>;

/// The trace events of `kind` whose attributes say step `step`.
std::vector<boost::json::object> events_of(const std::vector<boost::json::object>& events,
                                           const std::string& kind,
                                           const std::string& step) {
  std::vector<boost::json::object> out;
  for (const auto& e : events)
    if (e.at("kind") == kind.c_str() && e.contains("attributes") &&
        e.at("attributes").as_object().if_contains("step") != nullptr &&
        e.at("attributes").at("step") == step.c_str())
      out.push_back(e);
  return out;
}

} // namespace

TEST_CASE_METHOD(where_fixture, "where routes each element to the step that keeps it",
                 "[where]") {
  auto report = run(R"("simple")", R"(["complex", "urgent"])");
  CHECK(tasks_sent().received["answerer"] == received_tasks{{"t0", 0}, {"t2", 2}});
  CHECK(tasks_sent().received["expert"] == received_tasks{{"t1", 1}, {"t3", 3}});
  const auto& outputs = report.outcome.outputs.as_object();
  CHECK(outputs.at("answer") == boost::json::parse(R"([{"answer": "answerer:t0"},
                                                       {"answer": "answerer:t2"}])"));
  CHECK(outputs.at("escalate") == boost::json::parse(R"([{"answer": "expert:t1"},
                                                         {"answer": "expert:t3"}])"));
  CHECK(outputs.at("collect").at("answers") == outputs.at("answer"));

  auto events = test::read_trace(report.trace_path);
  auto starts = events_of(events, "step_start", "answer");
  REQUIRE(starts.size() == 1);
  const auto& start = starts.front().at("attributes");
  CHECK(start.at("tasks") == 2);
  CHECK(start.at("items_kept") == 2);
  CHECK(start.at("items_skipped") == 3);
  auto tasks = events_of(events, "task", "answer");
  REQUIRE(tasks.size() == 2);
  CHECK(tasks[0].at("span_id") == "run/answer#2/t0");
  CHECK(tasks[0].at("attributes").at("item_index") == 0);
  CHECK(tasks[1].at("span_id") == "run/answer#2/t2");
  CHECK(tasks[1].at("attributes").at("item_index") == 2);
  auto plain = events_of(events, "step_start", "collect");
  REQUIRE(plain.size() == 1);
  CHECK(plain.front().at("attributes").as_object().if_contains("items_kept") == nullptr);
}

TEST_CASE_METHOD(where_fixture,
                 "where that keeps nothing gives an empty list and the run goes on",
                 "[where]") {
  auto report = run(R"("trivial")", R"(["complex"])");
  CHECK(tasks_sent().received.count("answerer") == 0);
  CHECK(tasks_sent().received["expert"] == received_tasks{{"t1", 1}});
  const auto& outputs = report.outcome.outputs.as_object();
  CHECK(outputs.at("answer") == boost::json::array{});
  CHECK(outputs.at("collect").at("answers") == boost::json::array{});
  CHECK(report.outcome.steps_completed == 4);

  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "task", "answerer") == 0);
  auto starts = events_of(events, "step_start", "answer");
  REQUIRE(starts.size() == 1);
  CHECK(starts.front().at("attributes").at("items_kept") == 0);
  CHECK(starts.front().at("attributes").at("items_skipped") == 5);
  CHECK(events_of(events, "step_end", "answer").size() == 1);
}

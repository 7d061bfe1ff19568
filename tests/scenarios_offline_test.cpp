// The contract review and support triage scenarios, run in-process end to
// end on the offline stack, with assertions on what they produce.

#include "agents/builtin_agents.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"
#include "tools/builtin_tools.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>

using namespace troupe;

namespace {

struct scenario_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  test::test_system ts;

  scenario_fixture() {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
    setenv("XDG_CACHE_HOME", tmp.file("cache").c_str(), 1);
  }

  run_report run(const std::string& file, approval_mode approval = approval_mode::none) {
    scenario_loader loader{agents, tools};
    auto loaded = loader.load_file(TROUPE_SOURCE_DIR "/scenarios/" + file);
    for (const auto& e : loaded.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(loaded.spec);
    run_options opts;
    opts.out_dir = tmp.file("run");
    opts.approval = approval;
    auto report = execute_run(ts.sys, *loaded.spec, agents, tools, opts);
    REQUIRE(report);
    return std::move(*report);
  }
};

std::string field(const boost::json::value& v, const char* key) {
  return std::string{v.at(key).as_string().c_str()};
}

} // namespace

TEST_CASE_METHOD(scenario_fixture, "support triage routes each ticket by its class") {
  auto report = run("support_triage.json");
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  const auto& out = report.outcome.outputs;
  REQUIRE(out.at("classify").as_array().size() == 7);
  std::map<std::string, std::string> complexity;
  for (const auto& c : out.at("classify").as_array())
    complexity[field(c.at("ticket"), "id")] = field(c, "complexity");
  // Outages, leaks and crashes need engineering; how-to questions do not.
  CHECK(complexity == std::map<std::string, std::string>{{"T-1041", "simple"},
                                                         {"T-1042", "complex"},
                                                         {"T-1043", "simple"},
                                                         {"T-1044", "complex"},
                                                         {"T-1045", "simple"},
                                                         {"T-1046", "complex"},
                                                         {"T-1047", "simple"}});
  const auto& answered = out.at("answer").as_array();
  const auto& escalated = out.at("escalate").as_array();
  REQUIRE(answered.size() == 4);
  REQUIRE(escalated.size() == 3);
  for (const auto& a : answered)
    CHECK(complexity.at(field(a.at("ticket"), "id")) == "simple");
  // The password ticket is answered from the FAQ's password entry.
  CHECK_THAT(field(answered[0], "reply"), Catch::Contains("Forgot password"));
  CHECK(field(escalated[0].at("ticket"), "id") == "T-1042");
  CHECK(field(escalated[0], "severity") == "sev1");

  auto events = test::read_trace(report.trace_path);
  // Cheap route for 7 classifications and 4 answers, smart for 3 escalations.
  size_t cheap = 0, smart = 0;
  for (const auto& e : events)
    if (e.at("kind").as_string() == "model_call") {
      auto route = e.at("attributes").at("troupe.route").as_string();
      cheap += route == "cheap";
      smart += route == "smart";
    }
  CHECK(cheap == 11);
  CHECK(smart == 3);
  auto markdown = test::slurp(report.report_path);
  CHECK_THAT(markdown, Catch::Contains("## Answered directly (cheap route) (4)"));
  CHECK_THAT(markdown, Catch::Contains("## Escalated to engineering (smart route) (3)"));
}

TEST_CASE_METHOD(scenario_fixture,
                 "contract review rates each clause and waits for approval") {
  SECTION("approved: the report lists every clause with its risk") {
    auto report = run("contract_review.json", approval_mode::approve);
    INFO(report.outcome.error);
    REQUIRE(report.outcome.status == "succeeded");
    const auto& out = report.outcome.outputs;
    CHECK(out.at("parse").at("sections").as_array().size() == 10);
    std::map<std::string, std::string> risk;
    for (const auto& a : out.at("assess").as_array())
      risk[field(a, "heading")] = field(a, "risk");
    CHECK(risk.at("8. Limitation of Liability") == "high");
    CHECK(risk.at("3. Term and Renewal") == "high");
    CHECK(risk.at("5. Confidentiality") == "low");
    CHECK(out.at("approve").at("approved").as_bool());
    CHECK(field(out.at("approve"), "decided_by") == "--approve");
    auto markdown = test::slurp(report.report_path);
    CHECK_THAT(markdown,
               Catch::Contains("| 8. Limitation of Liability | liability | high |"));
    CHECK_THAT(markdown, Catch::Contains("Approved by --approve."));
  }
  SECTION("rejected: the run stops before the report, with status rejected") {
    auto report = run("contract_review.json", approval_mode::reject);
    CHECK(report.outcome.status == "rejected");
    CHECK_THAT(report.outcome.error, Catch::Contains("rejected by --reject"));
    CHECK(report.outcome.outputs.as_object().contains("summarise"));
    CHECK_FALSE(report.outcome.outputs.as_object().contains("report"));
    auto events = test::read_trace(report.trace_path);
    CHECK(test::count_kind(events, "agent_event", "approve") == 1);
  }
  SECTION("nobody to decide: the approval step says what to pass") {
    auto report = run("contract_review.json", approval_mode::none);
    CHECK(report.outcome.status == "failed");
    CHECK_THAT(report.outcome.error, Catch::Contains("needs a person's approval") &&
                                         Catch::Contains("--approve or --reject"));
  }
}

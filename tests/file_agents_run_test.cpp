// load_file, sections and table_report in one offline run: a file read
// through a files tool, split into clauses, reported as a table.

#include "agents/builtin_agents.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"
#include "tools/builtin_tools.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace troupe;

namespace {

constexpr const char* contract_scenario = R"({"name": "contract_table",
  "inputs": {"file": {"default": "contracts/saas.txt"}},
  "tools": {"docs": {"type": "files", "path": "docs"}},
  "agents": {
    "load": {"type": "load_file", "params": {"tool": "docs"}},
    "split": {"type": "sections", "params": {"min_chars": 15}},
    "report": {"type": "table_report", "params": {"title": "Clauses",
      "columns": [{"header": "Id", "field": "id"}, {"header": "Clause", "field": "heading"}]}}},
  "flow": [
    {"id": "load", "agent": "load", "with": {"name": "{{inputs.file}}"}},
    {"id": "split", "agent": "split", "with": {"text": "{{load.text}}"}},
    {"id": "report", "agent": "report", "with": {
      "groups": [{"title": "{{split.title}}", "rows": "{{split.sections}}"}],
      "note": "Read from {{load.name}}."}}],
  "report": "report.report"})";

struct contract_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  test::test_system ts;

  contract_fixture() {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
    std::filesystem::create_directories(tmp.file("docs/contracts"));
    std::ofstream{tmp.file("docs/contracts/saas.txt")}
        << "SaaS Agreement\n1. Term\nOne year.\n2. Fees\nMonthly | in advance.\n";
    std::ofstream{tmp.file("docs/terms.json")} << R"({"term_months": 12})";
  }

  run_report run(const std::string& file, bool capture_content = true) {
    auto loaded =
        scenario_loader{agents, tools}.load_text(contract_scenario, "c.json", tmp.str());
    for (const auto& e : loaded.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(loaded.spec);
    run_options opts;
    opts.out_dir = tmp.file("run");
    opts.inputs = {{"file", file}};
    opts.capture_content = capture_content;
    auto report = execute_run(ts.sys, *loaded.spec, agents, tools, opts);
    REQUIRE(report);
    return std::move(*report);
  }
};

} // namespace

TEST_CASE_METHOD(contract_fixture, "a file is loaded, split and reported as a table",
                 "[files][sections][table_report]") {
  auto report = run("contracts/saas.txt");
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  const auto& outputs = report.outcome.outputs.as_object();
  CHECK(outputs.at("load").at("json").is_null());
  CHECK(outputs.at("split") == boost::json::parse(R"({"title": "SaaS Agreement",
      "sections": [{"id": "s1", "heading": "1. Term", "text": "1. Term\nOne year."},
                   {"id": "s2", "heading": "2. Fees",
                    "text": "2. Fees\nMonthly | in advance."}]})"));
  CHECK(outputs.at("report").at("rows") == 2);
  CHECK(test::slurp(report.report_path) == "# Clauses\n"
                                           "\n"
                                           "## SaaS Agreement (2)\n"
                                           "\n"
                                           "| Id | Clause |\n"
                                           "|---|---|\n"
                                           "| s1 | 1. Term |\n"
                                           "| s2 | 2. Fees |\n"
                                           "\n"
                                           "Read from contracts/saas.txt.\n");

  auto events = test::read_trace(report.trace_path);
  REQUIRE(test::count_kind(events, "tool_call", "docs") == 1);
  for (const auto& e : events)
    if (e.at("kind") == "tool_call") {
      CHECK(e.at("span_id") == "run/load#1/t0/tool1");
      CHECK(e.at("attributes").at("troupe.file.name") == "contracts/saas.txt");
      CHECK(e.at("attributes").at("troupe.file.bytes") == 63);
    }
}

TEST_CASE_METHOD(contract_fixture, "a name outside the folder fails the run, saying why",
                 "[files]") {
  auto report = run("../c.json");
  CHECK(report.outcome.status == "failed");
  CHECK_THAT(report.outcome.error,
             Catch::Contains("files tool 'docs': '../c.json' leads outside folder " +
                             std::filesystem::canonical(tmp.file("docs")).string()));
}

TEST_CASE_METHOD(contract_fixture,
                 "a JSON file comes parsed; without content capture its name is not "
                 "recorded",
                 "[files]") {
  auto report = run("terms.json", false);
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  const auto& load = report.outcome.outputs.at("load");
  CHECK(load.at("json") == boost::json::parse(R"({"term_months": 12})"));
  CHECK(load.at("text") == R"({"term_months": 12})");
  auto events = test::read_trace(report.trace_path);
  REQUIRE(test::count_kind(events, "tool_call", "docs") == 1);
  for (const auto& e : events)
    if (e.at("kind") == "tool_call") {
      CHECK(e.at("attributes").as_object().if_contains("troupe.file.name") == nullptr);
      CHECK(e.at("attributes").at("troupe.file.bytes") == 19);
    }
}

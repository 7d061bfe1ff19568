// The flagship scenario, run in-process end to end on the offline stack.

#include "agents/builtin_agents.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/read_text_file.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"
#include "tools/builtin_tools.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>
#include <regex>
#include <set>

using namespace troupe;

namespace {

struct research_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  test::test_system ts;

  research_fixture() {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
    // Keep corpus indexes of the test inside its temp folder.
    setenv("XDG_CACHE_HOME", tmp.file("cache").c_str(), 1);
  }

  scenario_spec load(const std::string& file) {
    scenario_loader loader{agents, tools};
    auto result = loader.load_file(file);
    for (const auto& e : result.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(result.spec);
    return std::move(*result.spec);
  }

  run_report run(const scenario_spec& spec, bool capture_content = true) {
    run_options opts;
    opts.out_dir = tmp.file(capture_content ? "run" : "run-without-content");
    opts.capture_content = capture_content;
    auto report = execute_run(ts.sys, spec, agents, tools, opts);
    REQUIRE(report);
    return std::move(*report);
  }
};

std::set<std::string> returned_source_ids(const run_outcome& outcome) {
  std::set<std::string> ids;
  for (const auto& s : outcome.outputs.at("search").at("sources").as_array())
    ids.insert(std::string{s.at("id").as_string().c_str()});
  return ids;
}

std::set<std::string> cited_ids(const std::string& report) {
  std::set<std::string> ids;
  std::regex cite{R"(\[([A-Za-z0-9_./-]+)\])"};
  for (std::sregex_iterator i{report.begin(), report.end(), cite}, end; i != end; ++i)
    ids.insert((*i)[1]);
  return ids;
}

void write(const std::string& path, const std::string& text) {
  std::ofstream{path} << text;
}

} // namespace

TEST_CASE_METHOD(research_fixture, "the research assistant runs offline end to end") {
  auto spec = load(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json");
  auto report = run(spec);
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");

  auto events = test::read_trace(report.trace_path);
  SECTION("every agent ran and every hop is one trace event") {
    for (const char* agent : {"search", "summarize", "analyze", "refine"}) {
      INFO(agent);
      CHECK(test::count_kind(events, "task", agent) >= 1);
      CHECK(test::count_kind(events, "result", agent) ==
            test::count_kind(events, "task", agent));
    }
    auto model_tasks = test::count_kind(events, "task", "summarize") +
                       test::count_kind(events, "task", "analyze") +
                       test::count_kind(events, "task", "refine");
    CHECK(test::count_kind(events, "model_call") == model_tasks);
    CHECK(test::count_kind(events, "tool_call") ==
          test::count_kind(events, "task", "search"));
    CHECK(test::count_kind(events, "run_start") == 1);
    CHECK(test::count_kind(events, "run_end") == 1);
    CHECK(events.front().at("attributes").at("schema") == "troupe.trace/1");
  }
  SECTION("spans form a tree rooted at the run") {
    std::set<std::string> spans;
    for (const auto& e : events)
      spans.insert(std::string{e.at("span_id").as_string().c_str()});
    for (const auto& e : events) {
      std::string parent{e.at("parent_span_id").as_string().c_str()};
      INFO(boost::json::serialize(e));
      CHECK((parent.empty() || spans.count(parent) == 1));
    }
  }
  SECTION("the report cites only sources that search returned") {
    auto md = test::slurp(report.report_path);
    auto cited = cited_ids(md);
    REQUIRE(!cited.empty());
    auto returned = returned_source_ids(report.outcome);
    for (const auto& id : cited) {
      INFO(id);
      CHECK(returned.count(id) == 1);
    }
    CHECK(md.find("## Sources") != std::string::npos);
    CHECK(md.find("offline") != std::string::npos);
  }
  SECTION("model calls record the prompt version and hash") {
    for (const auto& e : events)
      if (e.at("kind") == "model_call") {
        CHECK(e.at("attributes").at("troupe.prompt.version") == "1");
        CHECK(e.at("attributes").at("troupe.prompt.hash").as_string().size() == 16);
      }
  }
  SECTION("result.json records the run") {
    auto result = boost::json::parse(test::slurp(report.result_path));
    CHECK(result.at("status") == "succeeded");
    CHECK(result.at("inputs").at("question") ==
          spec.inputs.front().default_value->c_str());
  }
}

TEST_CASE_METHOD(research_fixture, "refine sends the run back to search for a gap") {
  auto corpus = tmp.file("corpus");
  std::filesystem::create_directories(corpus);
  write(corpus + "/batteries.md",
        "# Battery storage\n\nBattery storage systems respond to grid signals within "
        "milliseconds.\nEngineers compare battery storage by cost per kilowatt-hour of "
        "capacity.\nBattery storage usually covers four hours of discharge.\n");
  write(
      corpus + "/hydrogen.md",
      "# Hydrogen storage\n\nHydrogen storage can hold energy across whole seasons of "
      "the year.\nEngineers compare hydrogen storage by its low round-trip efficiency.\n"
      "Hydrogen storage needs electrolysers, tanks or salt caverns for the gas.\n");
  auto prompts =
      std::string{TROUPE_SOURCE_DIR} + "/scenarios/research_assistant/prompts/";
  auto scenario = tmp.file("loop.json");
  write(scenario, R"({
    "name": "loop_test",
    "inputs": {"question": {"default": "Compare battery storage and hydrogen storage"}},
    "tools": {"corpus": {"type": "corpus", "path": "corpus"}},
    "agents": {
      "search": {"type": "search", "params": {"tool": "corpus", "max_sources": 1}},
      "summarize": {"type": "summarize", "prompt": {"file": ")" +
                      prompts + R"(summarize.txt"}},
      "analyze": {"type": "analyze", "prompt": {"file": ")" +
                      prompts + R"(analyze.txt"}},
      "refine": {"type": "refine", "prompt": {"file": ")" +
                      prompts + R"(refine.txt"}},
    },
    "flow": [
      {"id": "search", "agent": "search",
       "with": {"query": "{{inputs.question}}", "followup": "{{loop.query}}"}},
      {"id": "summarize", "agent": "summarize", "for_each": "search.sources",
       "with": {"question": "{{inputs.question}}", "source": "{{item}}"}},
      {"id": "analyze", "agent": "analyze",
       "with": {"question": "{{inputs.question}}", "summaries": "{{summarize}}"}},
      {"id": "refine", "agent": "refine",
       "with": {"question": "{{inputs.question}}", "analysis": "{{analyze}}",
                "summaries": "{{summarize}}"},
       "loop_back": {"to": "search", "max_rounds": 2}},
    ],
    "report": "refine.report",
  })");
  auto report = run(load(scenario));
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  CHECK(report.outcome.loop_rounds >= 1);
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "loop_back") ==
        static_cast<size_t>(report.outcome.loop_rounds));
  CHECK(test::count_kind(events, "task", "search") ==
        1 + static_cast<size_t>(report.outcome.loop_rounds));
  // Round two found the other document, so the report cites both.
  auto cited = cited_ids(test::slurp(report.report_path));
  CHECK(cited.count("batteries") == 1);
  CHECK(cited.count("hydrogen") == 1);
  // The summary of the first source is reused, not asked for again.
  CHECK(test::count_kind(events, "task_reused") >= 1);
}

TEST_CASE_METHOD(research_fixture,
                 "content capture off keeps what was said out of the trace",
                 "[content_capture]") {
  auto spec = load(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json");
  auto with = test::slurp(run(spec).trace_path);
  auto without_report = run(spec, false);
  REQUIRE(without_report.outcome.status == "succeeded");
  auto without = test::slurp(without_report.trace_path);
  // What the run was asked and told: the question (also the search's query),
  // a line of the summarize prompt, a hit's document id and an answer.
  std::vector<std::string> content{*spec.inputs.front().default_value,
                                   "Keep only what the source", "lithium-ion-cost-trends",
                                   "findings"};
  for (const auto& text : content) {
    INFO(text);
    CHECK(with.find(text) != std::string::npos); // the check can fail
    CHECK(without.find(text) == std::string::npos);
  }
  // What the run did is still there: counts, hashes, tokens.
  CHECK_THAT(without, Catch::Contains(R"("troupe.hits.count":)"));
  CHECK_THAT(without, Catch::Contains(R"("troupe.output.hash":")"));
  CHECK_THAT(without, Catch::Contains(R"("gen_ai.usage.output_tokens":)"));
}

TEST_CASE_METHOD(research_fixture, "a run with the trace off writes no trace file",
                 "[content_capture]") {
  auto spec = load(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json");
  run_options opts;
  opts.out_dir = tmp.file("run-without-trace");
  opts.write_trace = false;
  auto report = execute_run(ts.sys, spec, agents, tools, opts);
  REQUIRE(report);
  CHECK(report->outcome.status == "succeeded");
  CHECK(report->trace_path.empty());
  CHECK(!std::filesystem::exists(opts.out_dir + "/trace.jsonl"));
  CHECK(std::filesystem::exists(report->report_path));
}

TEST_CASE_METHOD(research_fixture,
                 "a run that writes no files keeps its outcome in memory",
                 "[content_capture]") {
  auto spec = load(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json");
  run_options opts;
  opts.out_dir = tmp.file("not-written");
  opts.write_files = false;
  auto report = execute_run(ts.sys, spec, agents, tools, opts);
  REQUIRE(report);
  CHECK(report->outcome.status == "succeeded");
  CHECK(report->outcome.outputs.at("refine").at("report").as_string().size() > 100);
  CHECK(report->out_dir.empty());
  CHECK(report->trace_path.empty());
  CHECK(report->result_path.empty());
  CHECK(!std::filesystem::exists(opts.out_dir));
}

TEST_CASE_METHOD(research_fixture,
                 "runs started together share the process's services and keep their "
                 "own files",
                 "[research][start_run]") {
  auto spec = load(std::string{TROUPE_SOURCE_DIR} + "/scenarios/research_assistant.json");
  auto services = start_model_services(ts.sys, 2);
  constexpr std::size_t runs = 6;
  std::mutex mutex;
  std::vector<caf::expected<run_report>>
      reports; // checked here: Catch2 is single-threaded
  std::promise<void> all_in;
  for (std::size_t i = 0; i < runs; ++i) {
    run_options opts;
    opts.run_id = "r" + std::to_string(i);
    opts.out_dir = tmp.file("runs/r" + std::to_string(i));
    opts.services = &services;
    auto started = start_run(ts.sys, spec, agents, tools, opts,
                             [&](caf::expected<run_report> report) {
                               std::lock_guard<std::mutex> guard{mutex};
                               reports.push_back(std::move(report));
                               if (reports.size() == runs)
                                 all_in.set_value();
                             });
    REQUIRE(started);
  }
  REQUIRE(all_in.get_future().wait_for(std::chrono::minutes{2}) ==
          std::future_status::ready);
  stop_model_services(services);
  for (const auto& result : reports) {
    REQUIRE(result);
    const auto& report = *result;
    CHECK(report.outcome.status == "succeeded");
    auto events = test::read_trace(report.trace_path);
    REQUIRE(!events.empty());
    CHECK(events.front().at("kind") == "run_start");
    CHECK(events.back().at("kind") == "run_end");
    std::size_t searches = 0;
    for (const auto& e : events) {
      CHECK(e.at("run_id").as_string() == report.outcome.run_id); // no other run's events
      searches += e.at("kind") == "tool_call";
    }
    CHECK(searches >= 1);
    auto state = read_text_file(report.out_dir + "/state.json");
    REQUIRE(state);
    CHECK(boost::json::parse(*state).at("status") == "succeeded");
  }
}

// `troupe trace diff` on two recorded research-assistant runs (the same
// scenario, one against a flaky OpenAI-compatible server, one offline), and
// how outputs are compared on small traces.

#include "runtime/trace/views/diff_view.hpp"
#include "runtime/trace/views/task_outcome.hpp"
#include "support/trace_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

const std::string offline = "research_assistant_offline_trace.jsonl";

/// A run of `scenario` whose one task's result carries `output_attributes`.
recorded_trace one_task(const std::string& output_attributes,
                        const std::string& scenario = "demo") {
  return test::read_text(
      test::event("run_start", 1, "run",
                  R"(,"attributes":{"schema":"troupe.trace/1","scenario":")" + scenario +
                      R"("})") +
      test::event("step_start", 2, "run/a#1", R"(,"attributes":{"step":"a"})") +
      test::event("task", 3, "run/a#1/t0", R"(,"from":"orchestrator","to":"x")") +
      test::event("result", 4, "run/a#1/t0",
                  R"(,"from":"x","to":"orchestrator","attributes":{)" +
                      output_attributes + "}") +
      test::event("step_end", 5, "run/a#1"));
}

} // namespace

TEST_CASE("golden: the diff of two recorded runs", "[trace_diff]") {
  test::check_golden("trace_diff.txt",
                     render_diff(test::recorded(), test::recorded(offline)));
}

TEST_CASE("diff: costs, models and outputs of two runs", "[trace_diff]") {
  auto text = render_diff(test::recorded(), test::recorded(offline));
  CHECK(text.find("warning") == std::string::npos); // the same scenario
  CHECK_THAT(text, Catch::Contains("cost          $0.0010"));
  CHECK_THAT(text, Catch::Contains("-$0.0010 (-100%)"));
  CHECK_THAT(text, Catch::Contains("failovers     1"));
  CHECK_THAT(text, Catch::Contains("summarize  2 -> 1  6 -> 3"));
  CHECK_THAT(text, Catch::Matches("[^]*\nanalyze +endpoint/gpt-4o-mini-2024-07-18 x2 "
                                  "+local/extractive-v1 x1\n[^]*"));
  // The recorded A has neither outputs nor their hashes: the stand-in.
  CHECK_THAT(text,
             Catch::Contains("refine/t0             hits, tokens  54 answer tokens  "
                             "357 answer tokens  changed"));
  CHECK_THAT(text, Catch::Contains("summarize/t3 round 1"));
  CHECK_THAT(text, Catch::Contains("only in A"));
  CHECK_THAT(text, Catch::Contains("2 tasks of both runs answered the same"));
  CHECK_THAT(text,
             Catch::Contains("the number of search hits and answer tokens stands in"));
}

TEST_CASE("diff: a run against itself changes nothing", "[trace_diff]") {
  auto text = render_diff(test::recorded(offline), test::recorded(offline));
  CHECK(text.find("changed") == std::string::npos);
  CHECK_THAT(text, Catch::Contains("answered by   the same providers and models"));
  CHECK_THAT(text, Catch::Contains("6 tasks of both runs answered the same"));
  CHECK(text.find("stands in") == std::string::npos); // compared by hash
}

TEST_CASE("diff: outputs compared by content, else by hash", "[trace_diff]") {
  SECTION("captured outputs") {
    auto text =
        render_diff(one_task(R"("output":{"v":1})"), one_task(R"("output":{"v":2})"));
    CHECK_THAT(text, Catch::Contains("a/t0    output       7 bytes  7 bytes  changed"));
    auto same =
        render_diff(one_task(R"("output":{"v":1})"), one_task(R"("output":{"v":1})"));
    CHECK_THAT(same, Catch::Contains("1 task of both runs answered the same"));
  }
  SECTION("hashes, when content capture was off") {
    auto text = render_diff(
        one_task(R"("troupe.output.hash":"00112233aabbccdd","troupe.output.bytes":9)"),
        one_task(R"("troupe.output.hash":"99112233aabbccdd","troupe.output.bytes":9)"));
    CHECK_THAT(text, Catch::Contains(
                         "output hash  00112233, 9 bytes  99112233, 9 bytes  changed"));
  }
}

TEST_CASE("diff warns when the scenarios differ", "[trace_diff]") {
  auto text = render_diff(one_task(""), one_task("", "other"));
  CHECK_THAT(text,
             Catch::StartsWith("warning: A is a run of scenario 'demo', B of 'other'"));
}

TEST_CASE("diff: hits past int64_t saturate instead of overflowing", "[trace_diff]") {
  // Found reviewing the views after fuzz/trace_reader_fuzz's first finding:
  // two tool calls of a task each claiming 2^63-1 hits overflowed the sum.
  const std::string max = "9223372036854775807";
  auto tool_call = [&](const std::string& span) {
    return test::event("tool_call", 3, span,
                       R"(,"from":"x","to":"corpus","attributes":{"troupe.hits.count":)" +
                           max + "}");
  };
  auto trace = test::read_text(
      test::event("run_start", 1, "run", test::schema) +
      test::event("task", 2, "run/a#1/t0", R"(,"from":"orchestrator","to":"x")") +
      tool_call("run/a#1/t0/tool1") + tool_call("run/a#1/t0/tool2") +
      test::event("result", 4, "run/a#1/t0", R"(,"from":"x","to":"orchestrator")"));
  auto tasks = collect_task_outcomes(trace);
  REQUIRE(tasks.keys.size() == 1);
  CHECK(tasks.values.at(tasks.keys[0]).evidence == max + " hits");
  CHECK_FALSE(render_diff(trace, trace).empty());
}

// The `troupe trace` views on a recorded research-assistant trace: golden
// output for each view (see support/trace_fixtures.hpp), the message filters, and
// views of damaged or hostile traces.

#include "runtime/trace/trace_reader.hpp"
#include "runtime/trace/views/messages_view.hpp"
#include "runtime/trace/views/summary_view.hpp"
#include "runtime/trace/views/timeline_view.hpp"
#include "runtime/trace/views/tree_view.hpp"
#include "support/trace_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

using test::check_golden;
using test::data_dir;
using test::event;
using test::lines_of;
using test::read_text;
using test::recorded;
using test::schema;

TEST_CASE("golden: the summary of the recorded trace", "[trace_views]") {
  check_golden("trace_summary.txt", render_summary(recorded()));
}

TEST_CASE("golden: the span tree of the recorded trace", "[trace_views]") {
  check_golden("trace_tree.txt", render_tree(recorded(), false));
}

TEST_CASE("golden: the messages of the recorded trace", "[trace_views]") {
  check_golden("trace_messages.txt", render_messages(recorded(), {}, false));
}

TEST_CASE("golden: the timeline of the recorded trace", "[trace_views]") {
  check_golden("trace_timeline.txt", render_timeline(recorded(), 80));
}

TEST_CASE("the summary answers the research assistant's questions", "[trace_views]") {
  auto text = render_summary(recorded());
  CHECK_THAT(text,
             Catch::Contains("summarize: 6 items (6 answered, 0 failed, 3 repeats"));
  CHECK_THAT(text,
             Catch::Contains("costliest step  summarize, $0.0006 (60% of $0.0010)"));
  CHECK_THAT(text, Catch::Contains("1x endpoint/gpt-4o-mini -> local/extractive-v1: "
                                   "server_error (openai 503: overloaded)"));
  CHECK_THAT(text, Catch::Contains("run usd              $0.0500  $0.0010  $0.0490"));
}

TEST_CASE("the tree is coloured only when asked", "[trace_views]") {
  auto trace = recorded();
  CHECK(render_tree(trace, false).find('\033') == std::string::npos);
  auto colored = render_tree(trace, true);
  CHECK_THAT(colored, Catch::Contains("\033[31mendpoint/gpt-4o-mini: server_error"));
  CHECK_THAT(colored, Catch::Contains("\033[33m$0.0010\033[0m"));
}

TEST_CASE("messages filter by agent, kind, step, time and text", "[trace_views]") {
  auto trace = recorded();
  message_filter f;
  SECTION("agent: what it sent, received, and the router did for it") {
    f.agents = {"refine"};
    f.kinds = {"model_call", "budget_reserve"};
    auto lines = lines_of(render_messages(trace, f, false));
    REQUIRE(lines.size() == 5);
    CHECK_THAT(lines[1], Catch::Contains("refine -> endpoint  model_call"));
    CHECK_THAT(lines[2], Catch::Contains("router -> budget    budget_reserve  $0.0007"));
  }
  SECTION("kinds, as a list") {
    f.kinds = {"failover", "retry"};
    auto lines = lines_of(render_messages(trace, f, false));
    REQUIRE(lines.size() == 5);
    CHECK_THAT(lines[4], Catch::Contains("failover  endpoint/gpt-4o-mini -> local"));
  }
  SECTION("bookkeeping is hidden unless asked for") {
    auto all = render_messages(trace, f, false);
    CHECK(all.find("budget_reserve") == std::string::npos);
    CHECK(all.find("model_attempt") == std::string::npos);
  }
  SECTION("step, by the span the event is on") {
    f.steps = {"analyze"};
    auto lines = lines_of(render_messages(trace, f, false));
    REQUIRE(lines.size() == 11); // the header, and two executions of five events
    CHECK_THAT(lines[3], Catch::Contains("analyze -> endpoint"));
  }
  SECTION("since, from the run's start") {
    f.since_us = 440000;
    f.kinds = {"task"};
    auto lines = lines_of(render_messages(trace, f, false));
    REQUIRE(lines.size() == 6); // the header, the last round's new tasks
    CHECK_THAT(lines[1], Catch::Contains("0.440  orchestrator -> summarize  task"));
  }
  SECTION("grep, in the whole line") {
    f.grep = "pumped hydro";
    auto lines = lines_of(render_messages(trace, f, false));
    REQUIRE(lines.size() == 4);
    CHECK_THAT(lines[3], Catch::Contains("tool_call"));
  }
  SECTION("nothing matches") {
    f.agents = {"nobody"};
    CHECK(render_messages(trace, f, false) == "no event matches\n");
    CHECK(render_messages(trace, f, true).empty());
  }
}

TEST_CASE("messages --json prints the events' own lines", "[trace_views]") {
  auto trace = recorded();
  message_filter f;
  f.kinds = {"loop_back"};
  auto text = render_messages(trace, f, true);
  auto lines = lines_of(text);
  REQUIRE(lines.size() == 1);
  const auto& original = test::read_trace(data_dir + "research_assistant_trace.jsonl");
  CHECK(boost::json::parse(lines[0]).as_object() == original[54]);
  CHECK(text == trace.events[54].text + "\n");
}

TEST_CASE("views of a cut trace say what did not finish", "[trace_views]") {
  auto whole = test::slurp(data_dir + "research_assistant_trace.jsonl");
  auto trace = read_text(whole.substr(0, whole.size() / 2));
  CHECK_THAT(render_summary(trace), Catch::Contains("status          unfinished"));
  CHECK_THAT(render_tree(trace, false), Catch::Contains("unfinished"));
  CHECK_THAT(render_timeline(trace, 60), Catch::Contains("(unfinished)"));
}

TEST_CASE("a trace's text cannot drive the terminal", "[trace_views]") {
  auto trace = read_text(event("run_start", 1, "run", schema) +
                         event("task", 2, "run/a#1/t0",
                               R"(,"from":"orchestrator","to":"\u001b[2Jevil\u009b")"
                               R"(,"attributes":{"step":"a"})"));
  for (const auto& text :
       {render_summary(trace), render_tree(trace, false), render_timeline(trace, 40),
        render_messages(trace, {}, false)}) {
    CHECK(text.find('\033') == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
  }
}

TEST_CASE("the timeline draws events far outside the run at its edges", "[trace_views]") {
  // Found by fuzz/trace_reader_fuzz: a run_start stamped centuries after
  // the run's events put them ~1e19 columns before the first, which does
  // not fit an integer (undefined behaviour).
  auto trace =
      read_text(event("run_start", 17647312000000000, "run", schema) +
                event("task", 1767312000000114, "run/a#1/t0", R"(,"to":"worker")") +
                event("result", 1767312000000200, "run/a#1/t0", R"(,"from":"worker")"));
  auto lines = lines_of(render_timeline(trace, 40));
  REQUIRE(lines.size() == 4);
  CHECK(lines[2] == "worker |=" + std::string(30, ' ') + "|");
}

TEST_CASE("views add up numbers past int64_t without overflowing", "[trace_views]") {
  // The largest integer, and 2^63 as a double: counts a hostile trace can
  // give; each overflowed (undefined behaviour) before the views saturated.
  const std::string max = "9223372036854775807";
  SECTION("tokens of two model calls") {
    auto call = [&](int ts) {
      return event("model_call", ts, "run/a#1/t0/m" + std::to_string(ts),
                   R"(,"from":"a","to":"local","gen_ai.usage.input_tokens":)" + max +
                       R"(,"gen_ai.usage.output_tokens":)" + max);
    };
    auto text = render_summary(
        read_text(event("run_start", 1000, "run", schema) + call(1001) + call(1002)));
    CHECK_THAT(text, Catch::Contains(max + " in, " + max + " out"));
  }
  SECTION("a budget cap beyond any integer") {
    auto text = render_summary(read_text(
        event(
            "run_start", 1000, "run",
            R"(,"attributes":{"schema":"troupe.trace/1","budget":{"run":{"tokens":1e300}}})") +
        event("model_call", 1001, "run/a#1/t0/m1",
              R"(,"from":"a","to":"local","gen_ai.usage.input_tokens":5)")));
    CHECK_THAT(text, Catch::Contains("run tokens  " + max));
  }
  SECTION("the time of forty step executions of 8000 years each") {
    auto longest = [](std::string line) {
      const std::string zero = R"("duration_us":0)";
      return line.replace(line.find(zero), zero.size(),
                          R"("duration_us":253402300799999999)");
    };
    std::string text = event("run_start", 1000, "run", schema);
    for (int i = 1; i <= 40; ++i) {
      auto span = "run/a#" + std::to_string(i);
      text += event("step_start", 1000 + i, span, R"(,"attributes":{"step":"a"})") +
              longest(event("step_end", 1000 + i, span, R"(,"attributes":{"step":"a"})"));
    }
    CHECK_THAT(render_summary(read_text(text)), Catch::Contains("153722867280m 54s"));
  }
  SECTION("step positions and where counts") {
    auto trace = read_text(event("run_start", 1000, "run", schema) +
                           event("step_start", 1001, "run/a#1",
                                 R"(,"attributes":{"step":"a","index":)" + max +
                                     R"(,"items_kept":)" + max + R"(,"items_skipped":)" +
                                     max + "}"));
    auto text = render_messages(trace, {}, false);
    CHECK_THAT(text, Catch::Contains("step a (" + max + " of 0)"));
    CHECK_THAT(text, Catch::Contains(max + " of " + max + " items kept by where"));
  }
}

TEST_CASE("strange span ids still make a tree", "[trace_views]") {
  std::string deep = "run";
  for (int i = 0; i < 20000; ++i)
    deep += "/x";
  auto trace = read_text(event("run_start", 1, "run", schema) +
                         event("tool_call", 2, deep) + event("tool_call", 3, "") +
                         event("tool_call", 4, "run/") + event("tool_call", 5, "/"));
  auto tree = render_tree(trace, false);
  CHECK(lines_of(tree).size() == 5);
  CHECK_FALSE(render_summary(trace).empty());
  CHECK_FALSE(render_timeline(trace, 20).empty());
}

TEST_CASE("a step with where says how many elements it kept", "[trace_views][where]") {
  auto trace = read_text(
      event("run_start", 1, "run", schema) +
      event("step_start", 2, "run/answer#2",
            R"(,"attributes":{"step":"answer","agent":"answerer","index":1,)"
            R"("steps_total":3,"tasks":2,"round":0,"items_kept":2,"items_skipped":3})"));
  CHECK_THAT(
      render_messages(trace, {}, false),
      Catch::Contains("step answer (2 of 3), 2 tasks, 2 of 5 items kept by where"));
  CHECK_THAT(
      render_tree(trace, false),
      Catch::Contains("step answer (2 of 3), 2 tasks, 2 of 5 items kept by where"));
}

// Reading a trace back: the recorded research-assistant trace, and every
// way a trace file can be damaged or hostile.
//
// tests/data/research_assistant_trace.jsonl is a real run (max_sources 3,
// --trace-content off, budget caps) against a fake OpenAI-compatible server
// that failed the first request once and every request for one source, so
// it holds retries, a failover and a loop-back. Only its timestamps were
// shifted (to 2026-01-01) and its paths made relative.

#include "runtime/errors.hpp"
#include "runtime/trace/trace_reader.hpp"
#include "support/test_system.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace troupe;

namespace {

const std::string fixture =
    TROUPE_SOURCE_DIR "/tests/data/research_assistant_trace.jsonl";

const std::string run_start =
    R"({"ts_us":1000,"kind":"run_start","run_id":"r1","span_id":"run","parent_span_id":"",)"
    R"("duration_us":0,"cost_usd":0E0,"status":"ok","attributes":{"schema":"troupe.trace/1",)"
    R"("scenario":"demo"}})";
const std::string step_start =
    R"({"ts_us":1100,"kind":"step_start","run_id":"r1","span_id":"run/a#1",)"
    R"("parent_span_id":"run","duration_us":0,"cost_usd":0E0,"status":"ok",)"
    R"("attributes":{"step":"a"}})";
const std::string run_end =
    R"({"ts_us":2000,"kind":"run_end","run_id":"r1","span_id":"run","parent_span_id":"",)"
    R"("duration_us":1000,"cost_usd":0E0,"status":"succeeded"})";

caf::expected<recorded_trace> read_text(const std::string& text,
                                        std::size_t max_line = max_trace_line_bytes) {
  std::istringstream in{text};
  return read_trace(in, "t.jsonl", max_line);
}

std::string error_of(const caf::expected<recorded_trace>& trace) {
  REQUIRE_FALSE(trace);
  CHECK(has_code(trace.error(), errc::invalid_input));
  return describe(trace.error());
}

} // namespace

TEST_CASE("the recorded research-assistant trace reads whole", "[trace_reader]") {
  auto trace = read_trace_file(fixture);
  REQUIRE(trace);
  CHECK(trace->warnings.empty());
  REQUIRE(trace->events.size() == 100);
  const auto& first = trace->events.front();
  CHECK(first.line == 1);
  CHECK(first.event.kind == "run_start");
  CHECK(first.event.run_id == "20261130-195808-84e2");
  CHECK(trace->events.back().event.kind == "run_end");
  CHECK(trace->start_us() == 1767225600000000);
  CHECK(trace->end_us() == trace->events.back().event.ts_us);
  std::ifstream in{fixture};
  std::string line;
  std::getline(in, line);
  CHECK(first.text == line);
}

TEST_CASE("a run folder reads as its trace.jsonl", "[trace_reader]") {
  test::temp_dir dir;
  std::ofstream{dir.file("trace.jsonl")} << run_start << "\n" << run_end << "\n";
  auto trace = read_trace_file(dir.str());
  REQUIRE(trace);
  CHECK(trace->events.size() == 2);
  CHECK(trace->file == dir.file("trace.jsonl"));
}

TEST_CASE("fields are typed, and optional ones default", "[trace_reader]") {
  auto trace = read_text(run_start + "\n" + step_start + "\n" + run_end + "\n");
  REQUIRE(trace);
  const auto& end = trace->events[2];
  CHECK(end.line == 3);
  CHECK(end.event.status == "succeeded");
  CHECK(end.event.duration_us == 1000);
  CHECK(end.event.from.empty());
  CHECK(end.event.attributes.is_object());
  CHECK(end.event.attributes.as_object().empty());
  CHECK(trace->events[1].event.parent_span == "run");
}

TEST_CASE("a cut last line is a warning, and the lines before it are kept",
          "[trace_reader]") {
  auto cut = step_start.substr(0, 40);
  auto trace = read_text(run_start + "\n" + run_end + "\n" + cut);
  REQUIRE(trace);
  CHECK(trace->events.size() == 2);
  REQUIRE(trace->warnings.size() == 1);
  CHECK(trace->warnings[0] == "t.jsonl: line 3 is cut off (the run was killed while "
                              "writing?); read the 2 lines before it");
}

TEST_CASE("a cut recording of the research assistant still reads", "[trace_reader]") {
  std::ifstream in{fixture};
  std::string text{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  auto trace = read_text(text.substr(0, text.size() / 2));
  REQUIRE(trace);
  CHECK(trace->warnings.size() == 1);
  CHECK(trace->first("run_end") == nullptr);
}

TEST_CASE("a broken line that is not the last is an error with its line number",
          "[trace_reader]") {
  auto cut = step_start.substr(0, 40);
  CHECK(error_of(read_text(run_start + "\n" + cut + "\n" + run_end + "\n")) ==
        "t.jsonl:2: not JSON (the line ends inside a value)");
  CHECK(error_of(read_text(run_start + "\n" + run_end + "\nthis is no json\n")) ==
        "t.jsonl:3: not JSON (syntax error at byte 1)");
  CHECK(error_of(read_text(run_start + "\n[1, 2]\n")) == "t.jsonl:2: not a JSON object");
}

TEST_CASE("a last line that is garbage, not a cut event, is an error", "[trace_reader]") {
  CHECK(error_of(read_text(run_start + "\n" + run_end + "\nhello")) ==
        "t.jsonl:3: not JSON (syntax error at byte 1)");
}

TEST_CASE("a missing or mistyped field is an error naming it", "[trace_reader]") {
  auto without_status = run_end;
  without_status.replace(without_status.find(R"(,"status":"succeeded")"), 21, "");
  CHECK(error_of(read_text(run_start + "\n" + without_status + "\n")) ==
        "t.jsonl:2: field 'status' is missing");
  auto text_time = step_start;
  text_time.replace(text_time.find("1100"), 4, R"("soon")");
  CHECK(error_of(read_text(run_start + "\n" + text_time + "\n")) ==
        "t.jsonl:2: field 'ts_us' is not an integer");
  auto list_attributes = step_start;
  list_attributes.replace(list_attributes.find(R"({"step":"a"})"), 12, "[]");
  CHECK(error_of(read_text(run_start + "\n" + list_attributes + "\n")) ==
        "t.jsonl:2: field 'attributes' is not an object");
}

TEST_CASE("a time, duration, count or cost no run writes is an error naming the field",
          "[trace_reader]") {
  // Found by fuzz/trace_reader_fuzz: a ts_us of -2^63 made the summary's
  // wall time (end - start) overflow.
  auto with = [](std::string line, const std::string& from, const std::string& to) {
    return line.replace(line.find(from), from.size(), to);
  };
  CHECK(error_of(read_text(with(run_start, "1000", "-9223372036854775808") + "\n")) ==
        "t.jsonl:1: field 'ts_us' is not a time from 1970 to 9999 in microseconds");
  CHECK(error_of(read_text(run_start + "\n" +
                           with(step_start, "1100", "253402300800000000") + "\n")) ==
        "t.jsonl:2: field 'ts_us' is not a time from 1970 to 9999 in microseconds");
  CHECK(error_of(read_text(run_start + "\n" +
                           with(run_end, "\"duration_us\":1000", "\"duration_us\":-1") +
                           "\n")) ==
        "t.jsonl:2: field 'duration_us' is not a duration from 0 to "
        "253402300799999999 microseconds");
  CHECK(error_of(read_text(run_start + "\n" +
                           with(step_start, "\"cost_usd\":0E0",
                                "\"cost_usd\":-1E0,\"gen_ai.usage.input_tokens\":1") +
                           "\n")) ==
        "t.jsonl:2: field 'cost_usd' is not a cost from 0 up");
  CHECK(error_of(read_text(run_start + "\n" +
                           with(step_start, "\"cost_usd\":0E0",
                                "\"cost_usd\":0,\"gen_ai.usage.output_tokens\":-3") +
                           "\n")) ==
        "t.jsonl:2: field 'gen_ai.usage.output_tokens' is negative");
  auto last = with(step_start, "1100", "253402300799999999");
  CHECK(read_text(run_start + "\n" + last + "\n"));
}

TEST_CASE("a number beyond a double's range is an error naming where it is",
          "[trace_reader]") {
  // Found by fuzz/trace_reader_fuzz: Boost.JSON reads 1e999 as an infinity
  // and writes it as `Infinity`, so the Perfetto and OTLP exports of such a
  // trace were no JSON.
  auto huge = run_start;
  huge.replace(huge.find(R"("scenario":"demo")"), 17,
               R"("budget":{"run/x":{"usd":[0,-1e999]}})");
  CHECK(error_of(read_text(huge + "\n")) ==
        "t.jsonl:1: the number at /attributes/budget/run~1x/usd/1 is beyond the range "
        "of a double");
}

TEST_CASE("an unknown schema is an error naming both schemas", "[trace_reader]") {
  auto future = run_start;
  future.replace(future.find("troupe.trace/1"), 14, "troupe.trace/2");
  CHECK(error_of(read_text(future + "\n" + run_end + "\n")) ==
        "t.jsonl:1: unknown trace schema 'troupe.trace/2'; this troupe reads "
        "'troupe.trace/1'");
}

TEST_CASE("a trace starts with run_start", "[trace_reader]") {
  CHECK(error_of(read_text(step_start + "\n" + run_end + "\n")) ==
        "t.jsonl:1: a trace starts with a run_start event, this one with 'step_start'");
}

TEST_CASE("an empty or missing file is an error", "[trace_reader]") {
  CHECK(error_of(read_text("")) == "t.jsonl holds no trace events");
  CHECK(error_of(read_text("\n  \n")) == "t.jsonl holds no trace events");
  auto missing = read_trace_file("/nonexistent/trace.jsonl");
  CHECK(error_of(missing) ==
        "cannot read trace file /nonexistent/trace.jsonl: No such file or directory");
}

TEST_CASE("a file appended to by two runs shows the last", "[trace_reader]") {
  auto second = run_start;
  second.replace(second.find("\"r1\""), 4, "\"r2\"");
  auto trace = read_text(run_start + "\n" + run_end + "\n" + second + "\n");
  REQUIRE(trace);
  REQUIRE(trace->events.size() == 1);
  CHECK(trace->events[0].event.run_id == "r2");
  CHECK(trace->events[0].line == 3);
  REQUIRE(trace->warnings.size() == 1);
  CHECK(trace->warnings[0] == "t.jsonl holds 2 runs (its folder was used again); "
                              "showing the last, run r2 from line 3");
}

TEST_CASE("hostile input is refused without a crash", "[trace_reader]") {
  SECTION("a line past the limit") {
    CHECK(error_of(read_text(run_start + "\n" + std::string(5000, 'x'), 1024)) ==
          "t.jsonl:2: longer than 1024 bytes; this is not a Troupe trace");
  }
  SECTION("binary bytes") {
    std::string binary{"\x00\xff\xfe\x01\n\x7f", 6};
    CHECK(error_of(read_text(binary)).rfind("t.jsonl:1: not JSON", 0) == 0);
  }
  SECTION("nesting deeper than any event") {
    auto deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(error_of(read_text(run_start + "\n" + deep + "\n")).rfind("t.jsonl:2: ", 0) ==
          0);
  }
}

// Following a trace while it is written: every event handed on once, whole,
// however the writes cut the lines; waiting for a file that is not there
// yet; stopping at run_end.

#include "runtime/errors.hpp"
#include "runtime/trace/trace_follower.hpp"
#include "support/test_system.hpp"
#include "support/trace_fixtures.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace troupe;
using namespace std::chrono_literals;
using test::lines_of;

namespace {

constexpr follow_options fast{std::chrono::milliseconds{2}, std::chrono::seconds{10}};

void append(const std::string& path, const std::string& text) {
  std::ofstream out{path, std::ios::binary | std::ios::app};
  out << text;
}

/// Collects what a follower hands on.
struct collected {
  std::vector<std::string> lines;
  trace_follower::event_handler handler() {
    return [this](const recorded_event& e) { lines.push_back(e.text); };
  }
};

} // namespace

TEST_CASE("follow: a run written in chunks, its folder made after the follower started",
          "[trace_follower]") {
  test::temp_dir tmp;
  auto dir = tmp.file("run");
  auto whole = test::slurp(test::data_dir + "research_assistant_trace.jsonl");
  std::thread writer{[&] {
    std::this_thread::sleep_for(20ms);
    std::filesystem::create_directories(dir);
    // Chunks of 997 bytes cut lines anywhere, a line across two writes.
    for (std::size_t at = 0; at < whole.size(); at += 997) {
      append(dir + "/trace.jsonl", whole.substr(at, 997));
      std::this_thread::sleep_for(1ms);
    }
    append(dir + "/trace.jsonl", "written after run_end, never read\n");
  }};
  collected seen;
  auto err = trace_follower{dir, fast}.follow(seen.handler());
  writer.join();
  INFO(describe(err));
  REQUIRE_FALSE(err);
  CHECK(seen.lines == lines_of(whole)); // each event once, in order, whole
}

TEST_CASE("follow: a line is handed on only once its newline is written",
          "[trace_follower]") {
  test::temp_dir tmp;
  auto file = tmp.file("trace.jsonl");
  trace_follower follower{file, fast};
  collected seen;
  CHECK(follower.poll(seen.handler()) == false); // not there yet
  auto start = test::event("run_start", 1, "run", test::schema);
  append(file, start.substr(0, 40));
  CHECK(follower.poll(seen.handler()) == false);
  CHECK(seen.lines.empty());
  append(file, start.substr(40) + test::event("step_start", 2, "run/a#1").substr(0, 10));
  CHECK(follower.poll(seen.handler()) == false);
  REQUIRE(seen.lines.size() == 1);
  CHECK(seen.lines[0] + "\n" == start);
  append(file, test::event("step_start", 2, "run/a#1").substr(10) +
                   test::event("run_end", 3, "run"));
  CHECK(follower.poll(seen.handler()) == true);
  CHECK(seen.lines.size() == 3);
}

TEST_CASE("follow: a trace file replaced by a new run is read from its start",
          "[trace_follower]") {
  test::temp_dir tmp;
  auto file = tmp.file("trace.jsonl");
  append(file, test::event("run_start", 1, "run", test::schema) +
                   test::event("step_start", 2, "run/a#1") +
                   test::event("step_start", 3, "run/b#2"));
  trace_follower follower{file, fast};
  collected seen;
  CHECK(follower.poll(seen.handler()) == false);
  CHECK(seen.lines.size() == 3);
  std::ofstream{file} << test::event("run_start", 10, "run", test::schema);
  CHECK(follower.poll(seen.handler()) == false);
  REQUIRE(seen.lines.size() == 4);
  CHECK_THAT(seen.lines[3], Catch::Contains(R"("ts_us":10,)"));
}

TEST_CASE("follow: a file that never appears, and a bad line", "[trace_follower]") {
  test::temp_dir tmp;
  collected seen;
  auto missing = trace_follower{tmp.file("none"), {2ms, 30ms}}.follow(seen.handler());
  REQUIRE(missing);
  CHECK_THAT(describe(missing), Catch::Contains("none did not appear within 30 ms"));
  auto file = tmp.file("bad.jsonl");
  append(file, test::event("run_start", 1, "run", test::schema) + "not json\n");
  auto bad = trace_follower{file, fast}.follow(seen.handler());
  REQUIRE(bad);
  CHECK_THAT(describe(bad), Catch::Contains("bad.jsonl:2: not JSON"));
  CHECK(seen.lines.size() == 1);
}

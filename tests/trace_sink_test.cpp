// The trace sink batches its writes, yet a reader (or a killed run) never
// misses more than the last moments: boundaries and a timer flush it.

#include "runtime/errors.hpp"
#include "runtime/trace/trace_reader.hpp"
#include "runtime/trace/trace_sink.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"

#include <algorithm>
#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <limits>
#include <thread>

using namespace troupe;
using namespace std::chrono_literals;

namespace {

trace_event event(const std::string& kind) {
  trace_event ev;
  ev.kind = kind;
  ev.run_id = "r1";
  ev.span_id = "run";
  return ev;
}

size_t lines_in(const std::string& path) {
  auto text = test::slurp(path);
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

struct sink_fixture {
  test::test_system ts;
  test::temp_dir tmp;
  caf::scoped_actor self{ts.sys};
  std::string path = tmp.file("trace.jsonl");
  trace_sink_actor sink;

  sink_fixture() {
    auto file = open_trace_file(path);
    REQUIRE(file);
    sink = ts.sys.spawn(trace_sink, *file, caf::actor{});
  }
  ~sink_fixture() { self->send_exit(sink, caf::exit_reason::user_shutdown); }
};

} // namespace

TEST_CASE("a step boundary writes out what came before it", "[trace_sink]") {
  sink_fixture f;
  f.self->send(f.sink, event("task"));
  f.self->send(f.sink, event("model_call"));
  f.self->send(f.sink, event("step_end"));
  for (int i = 0; i < 100 && lines_in(f.path) < 3; ++i)
    std::this_thread::sleep_for(2ms);
  CHECK(lines_in(f.path) == 3);
}

TEST_CASE("an event between boundaries reaches the file within the flush interval",
          "[trace_sink]") {
  sink_fixture f;
  f.self->send(f.sink, event("model_call"));
  std::this_thread::sleep_for(flush_interval + 300ms);
  CHECK(lines_in(f.path) == 1);
  CHECK(test::read_trace(f.path).front().at("kind") == "model_call");
}

TEST_CASE("a sink that is stopped writes out its buffer", "[trace_sink]") {
  sink_fixture f;
  for (int i = 0; i < 10; ++i)
    f.self->send(f.sink, event("model_attempt"));
  f.self->send_exit(f.sink, caf::exit_reason::kill);
  f.self->wait_for(f.sink);
  CHECK(lines_in(f.path) == 10);
}

TEST_CASE("flush answers the count, or why the file could not be written",
          "[trace_sink]") {
  sink_fixture f;
  f.self->send(f.sink, event("task"));
  f.self->request(f.sink, 5s, caf::flush_atom::value)
      .receive([](int64_t n) { CHECK(n == 1); },
               [](caf::error& err) { FAIL(describe(err)); });
  auto* full = std::fopen("/dev/full", "a");
  if (full == nullptr)
    return; // no /dev/full here: nothing more to check
  auto broken = f.ts.sys.spawn(trace_sink, full, caf::actor{});
  f.self->send(broken, event("task"));
  f.self->request(broken, 5s, caf::flush_atom::value)
      .receive([](int64_t) { FAIL("a write to a full device succeeded"); },
               [](caf::error& err) {
                 CHECK(has_code(err, errc::io_failed));
                 CHECK_THAT(describe(err),
                            Catch::Contains("cannot write the trace file"));
               });
  f.self->send_exit(broken, caf::exit_reason::user_shutdown);
}

TEST_CASE("a number beyond a double's range is written as null, so the line stays JSON",
          "[trace_sink]") {
  // Boost.JSON reads a model's 1e999 as an infinity and writes it back as
  // `Infinity`, which made the line unreadable; see finite_numbers.hpp.
  sink_fixture f;
  auto start = event("run_start");
  start.attributes = {{"schema", "troupe.trace/1"}};
  auto result = event("result");
  result.attributes = {{"output",
                        {{"score", std::numeric_limits<double>::infinity()},
                         {"list", {1, std::numeric_limits<double>::quiet_NaN()}}}}};
  f.self->send(f.sink, start);
  f.self->send(f.sink, result);
  f.self->send_exit(f.sink, caf::exit_reason::kill);
  f.self->wait_for(f.sink);
  auto trace = read_trace_file(f.path);
  REQUIRE(trace);
  REQUIRE(trace->events.size() == 2);
  const auto& output = trace->events[1].event.attributes.at("output");
  CHECK(output.at("score").is_null());
  CHECK(output.at("list").at(1).is_null());
  CHECK(output.at("list").at(0) == 1);
}

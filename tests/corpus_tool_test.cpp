// The corpus tool as a run starts it: one warning per skipped file when its
// index is built, and the count (with content, the paths) in the trace
// event of its first search.

#include "runtime/trace/trace_sink.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"
#include "tools/builtin_tools.hpp"

#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

/// Catches what is logged while it lives.
struct captured_log {
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink =
      std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
  std::shared_ptr<spdlog::logger> before = spdlog::default_logger();

  captured_log() {
    auto logger = std::make_shared<spdlog::logger>("captured", sink);
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(logger);
  }
  ~captured_log() { spdlog::set_default_logger(before); }

  std::vector<std::string> warnings() const {
    std::vector<std::string> out;
    for (auto& line : sink->last_formatted())
      if (line.rfind("warning ", 0) == 0)
        out.push_back(line.substr(8, line.find_last_not_of('\n') - 7));
    return out;
  }
};

struct corpus_tool_fixture {
  test::test_system ts;
  test::temp_dir tmp;
  caf::scoped_actor self{ts.sys};
  tool_registry tools;
  std::string corpus = tmp.file("corpus");

  corpus_tool_fixture() {
    register_builtin_tools(tools);
    fs::create_directories(corpus);
    std::ofstream{corpus + "/good.md"} << "# Good\n\nordinary words";
    std::ofstream{corpus + "/nul.txt", std::ios::binary} << std::string("a\0b", 3);
    fs::create_symlink("b.md", corpus + "/a.md");
    fs::create_symlink("a.md", corpus + "/b.md");
  }

  /// Starts the tool, searches twice, and returns the trace it wrote.
  std::vector<boost::json::object>
  search_twice(bool capture_content, std::shared_ptr<tool_instances> shared = nullptr,
               const std::string& trace_name = "trace.jsonl") {
    auto file = open_trace_file(tmp.file(trace_name));
    REQUIRE(file);
    trace_sink_actor trace = ts.sys.spawn<caf::detached>(trace_sink, *file, caf::actor{});
    tool_spec spec{
        "docs", "corpus",
        boost::json::object{{"path", corpus}, {"index", tmp.file("index.sqlite")}}};
    auto tool =
        tools.find("corpus")->factory(ts.sys, spec, {trace, capture_content, shared});
    REQUIRE(tool);
    for (int i = 0; i < 2; ++i) {
      tool_call call{"run-1", "search", "run/search#1/t0",
                     boost::json::object{{"query", "ordinary"}}};
      self->request(*tool, caf::infinite, call)
          .receive(
              [](const tool_result& r) {
                CHECK(r.output.at("hits").as_array().size() == 1);
              },
              [](const caf::error& err) { FAIL(caf::to_string(err)); });
    }
    self->request(trace, caf::infinite, caf::flush_atom::value)
        .receive([](int64_t) {},
                 [](const caf::error& err) { FAIL(caf::to_string(err)); });
    self->send_exit(*tool, caf::exit_reason::user_shutdown);
    self->send_exit(trace, caf::exit_reason::user_shutdown);
    return test::read_trace(tmp.file(trace_name));
  }
};

} // namespace

TEST_CASE_METHOD(corpus_tool_fixture,
                 "corpus tool warns once per skipped file and still searches the rest",
                 "[corpus][hostile]") {
  captured_log log;
  auto events = search_twice(true);
  auto prefix = "corpus 'docs' skips ";
  CHECK(
      log.warnings() ==
      std::vector<std::string>{
          prefix + std::string{"\"a.md\" in "} + corpus + ": it is a symbolic link loop",
          prefix + std::string{"\"b.md\" in "} + corpus + ": it is a symbolic link loop",
          prefix + std::string{"\"nul.txt\" in "} + corpus +
              ": it is a binary file (a NUL byte on line 1); only text files are "
              "indexed"});
  REQUIRE(events.size() == 2);
  const auto& first = events[0].at("attributes").as_object();
  CHECK(first.at("troupe.corpus.skipped") == 3);
  CHECK(first.at("troupe.corpus.skipped_files") ==
        boost::json::parse(R"(["a.md", "b.md", "nul.txt"])"));
  // Said once per run, not once per search.
  CHECK(events[1].at("attributes").as_object().if_contains("troupe.corpus.skipped") ==
        nullptr);
}

TEST_CASE_METHOD(corpus_tool_fixture,
                 "corpus tool without content capture records only the skipped count",
                 "[corpus][hostile][content_capture]") {
  captured_log log; // keeps the warnings out of the test output
  auto events = search_twice(false);
  REQUIRE(events.size() == 2);
  const auto& first = events[0].at("attributes").as_object();
  CHECK(first.at("troupe.corpus.skipped") == 3);
  CHECK(first.if_contains("troupe.corpus.skipped_files") == nullptr);
}

TEST_CASE_METHOD(corpus_tool_fixture, "corpus tool quotes odd file names in its warnings",
                 "[corpus][hostile]") {
  std::ofstream{corpus + "/two\nlines.txt", std::ios::binary} << std::string("\0", 1);
  captured_log log;
  search_twice(true);
  auto warnings = log.warnings();
  REQUIRE(warnings.size() == 4);
  CHECK(warnings[3].rfind("corpus 'docs' skips \"two\\nlines.txt\" in ", 0) == 0);
}

TEST_CASE_METHOD(corpus_tool_fixture,
                 "runs that share tool instances open the index once and each trace "
                 "their own searches",
                 "[corpus][tool_instances]") {
  captured_log log;
  auto shared = std::make_shared<tool_instances>();
  auto first = search_twice(true, shared, "first.jsonl");
  auto second = search_twice(true, shared, "second.jsonl");
  CHECK(log.warnings().size() == 3); // one refresh, not one per run
  for (const auto* events : {&first, &second}) {
    REQUIRE(events->size() == 2);
    CHECK((*events)[0].at("attributes").as_object().at("troupe.corpus.skipped") == 3);
  }
  shared->stop_all();
}

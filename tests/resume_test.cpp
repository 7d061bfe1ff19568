// Crash-safe state and resume with a real `troupe` process: killed with
// SIGKILL mid-run, or stopped with SIGINT, then `troupe resume DIR`. A fake
// OpenAI-compatible server counts the model calls, so a finished step that
// ran again would show as a repeated prompt.

#include "runtime/errors.hpp"
#include "runtime/orchestrator/saved_run.hpp"
#include "support/fake_http_server.hpp"
#include "support/provider_bodies.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <map>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace troupe;
using namespace std::chrono_literals;

namespace {

/// What a capable model answers to each prompt of the research assistant.
std::string answer_for(const std::string& body) {
  if (body.find("Summarize the source") != std::string::npos)
    return R"({"findings": ["Batteries shift energy in time."]})";
  if (body.find("Analyze the summaries") != std::string::npos)
    return R"({"trends": [], "key_points": [{"text": "Batteries shift energy in time.",
               "source": ""}], "gaps": []})";
  return R"({"summary": "Batteries trade cost for flexibility.", "claims": [],
             "gaps": [], "followup_query": ""})";
}

/// The fake model: answers after `latency`, like a real one would.
void serve_slowly(test::fake_http_server& server, std::chrono::milliseconds latency) {
  server.set_default([latency](const test::recorded_request& r) {
    auto reply =
        test::fake_reply::json(test::openai_chat_body(answer_for(r.body), 100, 20));
    reply.delay = latency;
    return reply;
  });
}

/// Starts `troupe ARGS...` with HOME and the cache inside `home`.
pid_t start_troupe(const std::vector<std::string>& args, const std::string& home) {
  auto pid = fork();
  if (pid == 0) {
    setenv("HOME", home.c_str(), 1);
    setenv("XDG_CACHE_HOME", (home + "/cache").c_str(), 1);
    unsetenv("OPENAI_API_KEY");
    std::vector<char*> argv{const_cast<char*>(TROUPE_BIN)};
    for (const auto& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(TROUPE_BIN, argv.data());
    _exit(127);
  }
  return pid;
}

int exit_code(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Completed steps in DIR/state.json, -1 while there is none.
int steps_completed(const std::string& dir) {
  auto saved = saved_run::read(dir);
  if (!saved)
    return -1;
  const auto* flow = saved->progress.if_contains("flow");
  return flow ? static_cast<int>(flow->at("steps_completed").as_int64()) : -1;
}

bool wait_for_steps(const std::string& dir, int steps) {
  for (int i = 0; i < 300; ++i) {
    if (steps_completed(dir) >= steps)
      return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

/// How often each distinct prompt of a step was asked, by step marker.
std::map<std::string, int> prompts_of(const test::fake_http_server& server,
                                      const std::string& marker) {
  std::map<std::string, int> seen;
  for (const auto& r : server.requests())
    if (r.body.find(marker) != std::string::npos)
      ++seen[r.body];
  return seen;
}

struct resume_fixture {
  test::temp_dir tmp;
  test::fake_http_server server;
  std::string dir = tmp.file("run");

  resume_fixture() { serve_slowly(server, 300ms); }

  pid_t start_run() {
    return start_troupe({"run", TROUPE_SOURCE_DIR "/scenarios/research_assistant.json",
                         "--base-url", server.base_url() + "/v1", "--model", "fake-model",
                         "--out", dir, "--quiet"},
                        tmp.str());
  }

  int resume() { return exit_code(start_troupe({"resume", dir, "--quiet"}, tmp.str())); }

  void check_completed_once() {
    auto saved = saved_run::read(dir);
    REQUIRE(saved);
    CHECK(saved->status == "succeeded");
    auto result = test::slurp(dir + "/result.json");
    CHECK_THAT(result, Catch::Contains(R"("status":"succeeded")"));
    CHECK_THAT(test::slurp(dir + "/report.md"),
               Catch::Contains("Batteries trade cost for flexibility."));
    // Every summarize prompt was answered once: the finished step was not
    // run again, nor paid for again.
    auto summaries = prompts_of(server, "Summarize the source");
    REQUIRE_FALSE(summaries.empty());
    for (const auto& [prompt, times] : summaries)
      CHECK(times == 1);
    auto events = test::read_trace(dir + "/trace.jsonl");
    CHECK(test::count_kind(events, "run_start") == 1);
    CHECK(test::count_kind(events, "run_resume") == 1);
    REQUIRE(test::count_kind(events, "run_end") >= 1);
    CHECK(events.back().at("kind") == "run_end");
    CHECK(events.back().at("status") == "succeeded");
    auto run_id = events.front().at("run_id");
    for (const auto& e : events)
      CHECK(e.at("run_id") == run_id);
  }
};

} // namespace

TEST_CASE_METHOD(resume_fixture, "a run killed with SIGKILL resumes from its last step",
                 "[resume]") {
  auto pid = start_run();
  REQUIRE(wait_for_steps(dir, 2)); // search and summarize are done
  kill(pid, SIGKILL);
  CHECK(exit_code(pid) == 128 + SIGKILL);
  auto before = server.request_count();
  REQUIRE(resume() == 0);
  CHECK(server.request_count() > before);
  check_completed_once();
}

TEST_CASE_METHOD(resume_fixture, "SIGINT stops a run gracefully, and resume finishes it",
                 "[resume]") {
  auto pid = start_run();
  REQUIRE(wait_for_steps(dir, 2));
  kill(pid, SIGINT);
  CHECK(exit_code(pid) == 130);
  auto saved = saved_run::read(dir);
  REQUIRE(saved);
  CHECK(saved->status == "interrupted");
  // The calls in flight were abandoned, charged and traced, and the run
  // ended with its reason (the abandoned calls' events may follow run_end).
  auto events = test::read_trace(dir + "/trace.jsonl");
  std::string end_status;
  for (const auto& e : events)
    if (e.at("kind") == "run_end")
      end_status = e.at("status").as_string().c_str();
  CHECK(end_status == "interrupted");
  REQUIRE(resume() == 0);
  check_completed_once();
}

TEST_CASE("resume refuses what is not a run's folder, saying why", "[resume]") {
  test::temp_dir tmp;
  auto refusal = [&](const std::string& text) {
    if (!text.empty())
      std::ofstream{tmp.file("state.json")} << text;
    auto saved = saved_run::read(tmp.str());
    REQUIRE_FALSE(saved);
    CHECK(has_code(saved.error(), errc::invalid_input));
    return describe(saved.error());
  };
  CHECK_THAT(refusal(""),
             Catch::Contains("state.json does not exist or cannot be read") &&
                 Catch::Contains("troupe run --out DIR"));
  CHECK_THAT(refusal("{\"schema\": "), Catch::Contains("is not valid JSON"));
  CHECK_THAT(refusal(R"({"schema": "troupe.state/9"})"),
             Catch::Contains("has schema 'troupe.state/9'"));
  CHECK_THAT(refusal(R"({"schema": "troupe.state/1", "run_id": 3})"),
             Catch::Contains("field 'run_id' is missing or not a string"));
}

TEST_CASE("a run that already succeeded has nothing to resume", "[resume]") {
  test::temp_dir tmp;
  auto code = exit_code(
      start_troupe({"run", TROUPE_SOURCE_DIR "/scenarios/research_assistant.json",
                    "--out", tmp.file("run"), "--quiet"},
                   tmp.str()));
  REQUIRE(code == 0);
  CHECK(exit_code(start_troupe({"resume", tmp.file("run"), "--quiet"}, tmp.str())) == 0);
}

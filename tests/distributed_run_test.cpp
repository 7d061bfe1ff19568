// Distributed runs: `troupe node` processes on 127.0.0.1 host agents for a
// run in this process, which places them there through CAF's network layer
// (the issue's acceptance tests): the research assistant with summarize on
// two nodes, one node killed mid-run, a peer off the allow list, a token.

#include "agents/builtin_agents.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "runtime/trace/trace_reader.hpp"
#include "runtime/trace/views/summary_view.hpp"
#include "support/fake_http_server.hpp"
#include "support/node_process.hpp"
#include "support/provider_bodies.hpp"
#include "support/test_system.hpp"
#include "support/trace_file.hpp"
#include "tools/builtin_tools.hpp"

#include <atomic>
#include <caf/event_based_actor.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

using namespace troupe;

namespace {

/// An orchestrator's process: Troupe's types and the network layer, with
/// heartbeats short enough for a test to see a silent node go.
struct network_config : test::test_config {
  network_config() {
    add_troupe_network(*this, std::chrono::milliseconds{200}, std::chrono::seconds{2});
  }
};

/// What a capable model answers to the research assistant's prompts.
std::string canned_answer(const std::string& body) {
  if (body.find("Summarize the source") != std::string::npos)
    return R"({"findings": ["Batteries shift energy in time."]})";
  if (body.find("Analyze the summaries") != std::string::npos)
    return R"({"trends": [{"term": "storage", "sources": []}],
               "key_points": [{"text": "Batteries shift energy in time.", "source": ""}],
               "gaps": []})";
  return R"({"summary": "Batteries trade cost for flexibility.",
             "claims": [], "gaps": [], "followup_query": ""})";
}

/// Answers the research assistant's prompts after `latency`.
void answer_like_a_model(test::fake_http_server& server,
                         std::chrono::milliseconds latency = std::chrono::milliseconds{
                             0}) {
  server.set_default([latency](const test::recorded_request& r) {
    auto reply =
        test::fake_reply::json(test::openai_chat_body(canned_answer(r.body), 100, 40));
    reply.delay = latency;
    return reply;
  });
}

/// A providers file whose default route goes to `server`, named `name`.
std::string providers_json(const std::string& name,
                           const test::fake_http_server& server) {
  return R"({"providers": {")" + name + R"(": {"type": "openai", "base_url": ")" +
         server.base_url() + R"(/v1", "api_key_env": "TROUPE_E2E_KEY"}},
      "routes": {"default": {"targets": [{"provider": ")" +
         name + R"(", "model": "m"}]}}})";
}

size_t summarize_requests(const test::fake_http_server& server) {
  size_t n = 0;
  for (const auto& r : server.requests())
    n += r.body.find("Summarize the source") != std::string::npos ? 1 : 0;
  return n;
}

struct distributed_fixture {
  agent_registry agents;
  tool_registry tools;
  test::temp_dir tmp;
  network_config cfg;
  caf::actor_system sys{cfg};
  test::fake_http_server model;

  /// Each model call takes `latency`: long enough for a test to act while
  /// summarize tasks are in flight on a node.
  explicit distributed_fixture(
      std::chrono::milliseconds latency = std::chrono::milliseconds{0}) {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
    setenv("XDG_CACHE_HOME", tmp.file("cache").c_str(), 1);
    setenv("TROUPE_E2E_KEY", "sk-test", 1);
    answer_like_a_model(model, latency);
  }

  /// The test's nodes have stopped by now. CAF 0.17's network layer leaks
  /// its broker (and LeakSanitizer says so) when the actor system shuts
  /// down while the broker still handles those closed connections, which
  /// happened once in CI under load: give it time to see them first.
  ~distributed_fixture() { std::this_thread::sleep_for(std::chrono::milliseconds{500}); }

  scenario_spec load(const std::vector<std::string>& summarize_nodes,
                     const std::string& fallback = "local") {
    auto providers = tmp.file("providers.json");
    std::ofstream{providers} << providers_json("fake", model);
    scenario_loader loader{agents, tools};
    auto result = loader.load_file(TROUPE_SOURCE_DIR "/scenarios/research_assistant.json",
                                   providers);
    for (const auto& e : result.errors)
      UNSCOPED_INFO(e.to_string());
    REQUIRE(result.spec);
    for (auto& a : result.spec->agents)
      if (a.id == "summarize") {
        a.placement.nodes = summarize_nodes;
        a.placement.fallback = fallback;
      }
    return std::move(*result.spec);
  }

  run_report run(const scenario_spec& spec, const std::string& dir,
                 caf::actor listener = {}, std::string token = {}) {
    run_options opts;
    opts.out_dir = tmp.file(dir);
    opts.use_cache = false;
    opts.listener = std::move(listener);
    opts.node_token = std::move(token);
    auto report = execute_run(sys, spec, agents, tools, opts);
    REQUIRE(report);
    return std::move(*report);
  }
};

std::string file_text(const std::string& path) {
  std::ifstream in{path};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The nodes the trace says summarize tasks went to.
std::set<std::string> task_nodes(const std::vector<boost::json::object>& events) {
  std::set<std::string> nodes;
  for (const auto& e : events)
    if (e.at("kind") == "task" && e.at("to") == "summarize")
      if (const auto* node = e.at("attributes").as_object().if_contains("troupe.node"))
        nodes.insert(std::string{node->as_string()});
  return nodes;
}

const boost::json::object* find_kind(const std::vector<boost::json::object>& events,
                                     const std::string& kind) {
  for (const auto& e : events)
    if (e.at("kind") == kind.c_str())
      return &e;
  return nullptr;
}

} // namespace

TEST_CASE_METHOD(distributed_fixture,
                 "summarize on two nodes: the run completes, both nodes work, the report "
                 "is the local run's",
                 "[distributed]") {
  test::node_process a{tmp.file("a.log")};
  test::node_process b{tmp.file("b.log")};
  auto local = run(load({}), "local");
  REQUIRE(local.outcome.status == "succeeded");
  auto placed = run(load({a.address(), b.address()}), "placed");
  INFO(placed.outcome.error << "\nnode a:\n" << a.log() << "\nnode b:\n" << b.log());
  REQUIRE(placed.outcome.status == "succeeded");
  auto events = test::read_trace(placed.trace_path);
  CHECK(task_nodes(events) == std::set<std::string>{a.address(), b.address()});
  CHECK(test::count_kind(events, "agent_placed", "summarize") == 2);
  CHECK(file_text(placed.report_path) == file_text(local.report_path));
  // The node's agents called the run's model router: the model calls are
  // in the run's one trace, parented to the tasks the nodes ran.
  CHECK(test::count_kind(events, "model_call") ==
        test::count_kind(test::read_trace(local.trace_path), "model_call"));
  CHECK(a.log().find("started agent 'summarize'") != std::string::npos);
}

TEST_CASE("a node killed mid-run: its tasks move to the other node, the report is the "
          "same",
          "[distributed]") {
  distributed_fixture f{std::chrono::milliseconds{300}};
  test::node_process a{f.tmp.file("a.log")};
  test::node_process b{f.tmp.file("b.log")};
  auto local = f.run(f.load({}), "local");
  REQUIRE(local.outcome.status == "succeeded");
  // Kills node a as soon as a summarize task is on its way there: the task
  // is in flight (each model call takes 300 ms) when the node dies.
  auto killed = std::make_shared<std::atomic<bool>>(false);
  auto* victim = &a;
  auto watcher = f.sys.spawn([=]() -> caf::behavior {
    return {[=](const trace_event& ev) {
      if (ev.kind != "task" || killed->load())
        return;
      const auto* node = ev.attributes.as_object().if_contains("troupe.node");
      if (node != nullptr && *node == victim->address().c_str()) {
        killed->store(true);
        victim->kill_now();
      }
    }};
  });
  auto placed = f.run(f.load({a.address(), b.address()}), "placed", watcher);
  INFO(placed.outcome.error << "\nnode b:\n" << b.log());
  REQUIRE(killed->load());
  REQUIRE(placed.outcome.status == "succeeded");
  auto events = test::read_trace(placed.trace_path);
  const auto* lost = find_kind(events, "node_lost");
  REQUIRE(lost != nullptr);
  CHECK(lost->at("attributes").at("troupe.node") == a.address().c_str());
  CHECK(lost->at("attributes").at("tasks_moved").as_int64() >= 1);
  CHECK(file_text(placed.report_path) == file_text(local.report_path));
  // `troupe trace` tells where the tasks ran and which node was lost.
  std::ifstream in{placed.trace_path};
  auto recorded = read_trace(in, placed.trace_path);
  REQUIRE(recorded);
  auto summary = render_summary(*recorded);
  CHECK_THAT(summary, Catch::Contains("nodes           2"));
  CHECK_THAT(summary,
             Catch::Contains(a.address() + ": ") && Catch::Contains(", lost 1 time\n"));
  caf::anon_send_exit(watcher, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(distributed_fixture,
                 "a node refuses a peer that is not on its allow list", "[distributed]") {
  test::node_process strict{tmp.file("strict.log"), {"--allow", "10.0.0.0/8"}};
  auto refused = run(load({strict.address()}, "none"), "refused");
  CHECK(refused.outcome.status == "failed");
  CHECK(refused.outcome.error.find("not on its allow list (10.0.0.0/8)") !=
        std::string::npos);
  CHECK(strict.log().find("refused, not on the allow list") != std::string::npos);
  CHECK(strict.log().find("started agent") == std::string::npos);
  // With the default fallback the run goes on locally, and says why.
  auto local = run(load({strict.address()}), "fallback");
  CHECK(local.outcome.status == "succeeded");
  auto events = test::read_trace(local.trace_path);
  CHECK(test::count_kind(events, "placement_failed", "summarize") == 1);
  CHECK(test::count_kind(events, "placement_fallback", "summarize") == 1);
}

TEST_CASE_METHOD(distributed_fixture, "a node with a token serves only runs that give it",
                 "[distributed]") {
  test::node_process node{tmp.file("node.log"), {}, {"TROUPE_NODE_TOKEN=s3cret"}};
  auto without = run(load({node.address()}, "none"), "without");
  CHECK(without.outcome.status == "failed");
  CHECK(without.outcome.error.find("needs a token") != std::string::npos);
  auto wrong = run(load({node.address()}, "none"), "wrong", {}, "guess");
  CHECK(wrong.outcome.error.find("wrong token") != std::string::npos);
  auto right = run(load({node.address()}, "none"), "right", {}, "s3cret");
  CHECK(right.outcome.status == "succeeded");
}

TEST_CASE_METHOD(distributed_fixture,
                 "a node that is not there: the run falls back, or fails naming it",
                 "[distributed]") {
  auto nowhere = std::string{"127.0.0.1:1"};
  auto failed = run(load({nowhere}, "none"), "none");
  CHECK(failed.outcome.status == "failed");
  CHECK(failed.outcome.error.find("127.0.0.1:1: cannot reach") != std::string::npos);
  auto fallback = run(load({nowhere}), "fallback");
  CHECK(fallback.outcome.status == "succeeded");
}

TEST_CASE("a node that comes back is used again", "[distributed]") {
  // Each model call takes 2 s. Node b hosts summarize (with a), analyze and
  // refine; it is killed during summarize and started again at the same
  // address at once. The orchestrator tries it every second, so it is back
  // before analyze begins (after the moved summarize tasks, 2 s later), and
  // analyze runs there rather than on a local fallback.
  distributed_fixture f{std::chrono::milliseconds{2000}};
  test::node_process a{f.tmp.file("a.log")};
  auto b = std::make_shared<std::unique_ptr<test::node_process>>(
      std::make_unique<test::node_process>(f.tmp.file("b.log")));
  auto b_address = (*b)->address();
  auto log_again = f.tmp.file("b-again.log");
  auto watcher = f.sys.spawn([=]() -> caf::behavior {
    return {[=](const trace_event& ev) {
      const auto* node = ev.attributes.is_object()
                             ? ev.attributes.as_object().if_contains("troupe.node")
                             : nullptr;
      if (node == nullptr || *node != b_address.c_str())
        return;
      if (ev.kind == "task" && ev.to == "summarize" && (*b)->address() == b_address &&
          !std::filesystem::exists(log_again)) {
        (*b)->kill_now();
        *b = std::make_unique<test::node_process>(
            log_again, std::vector<std::string>{"--listen", b_address});
      }
    }};
  });
  auto spec = f.load({a.address(), b_address});
  for (auto& agent : spec.agents)
    if (agent.id == "analyze" || agent.id == "refine")
      agent.placement.nodes = {b_address};
  auto report = f.run(spec, "back", watcher);
  INFO(report.outcome.error);
  REQUIRE(report.outcome.status == "succeeded");
  auto events = test::read_trace(report.trace_path);
  CHECK(test::count_kind(events, "node_lost", "summarize") == 1);
  CHECK(test::count_kind(events, "agent_placed", "analyze") == 2);
  CHECK(test::count_kind(events, "placement_fallback") == 0);
  bool analyze_on_b = false;
  for (const auto& e : events)
    if (e.at("kind") == "task" && e.at("to") == "analyze")
      analyze_on_b =
          e.at("attributes").as_object().if_contains("troupe.node") != nullptr &&
          e.at("attributes").at("troupe.node") == b_address.c_str();
  CHECK(analyze_on_b);
  caf::anon_send_exit(watcher, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(distributed_fixture,
                 "a node with its own providers routes its agents' calls there, charged "
                 "to the run's budget",
                 "[distributed]") {
  test::fake_http_server near; // a model server next to the node
  answer_like_a_model(near);
  auto near_file = tmp.file("near.json");
  std::ofstream{near_file} << providers_json("near", near);
  test::node_process node{
      tmp.file("node.log"), {"--providers", near_file}, {"TROUPE_E2E_KEY=sk-near"}};
  auto spec = load({node.address()}, "none");
  auto report = run(spec, "near");
  INFO(report.outcome.error << "\nnode:\n" << node.log());
  REQUIRE(report.outcome.status == "succeeded");
  CHECK(summarize_requests(near) == 6);
  CHECK(summarize_requests(model) == 0);
  CHECK(near.request_count() == 6);
  auto events = test::read_trace(report.trace_path);
  // The node's router records its calls and budget reservations in the
  // run's trace, like the run's own router.
  CHECK(test::count_kind(events, "model_call", "near") == 6);
  CHECK(test::count_kind(events, "budget_reserve") ==
        test::count_kind(events, "model_call"));
  CHECK(node.log().find("on this node's router") != std::string::npos);

  // The run's caps hold on the node's router: capped at 3 calls, the run
  // stops there, wherever the calls are made.
  spec.budget.run.calls = 3;
  auto capped = run(spec, "capped");
  CHECK(capped.outcome.status == "budget_exceeded");
  CHECK(near.request_count() <= 6 + 3);
}

TEST_CASE("a node that goes silent is declared lost by the heartbeat", "[distributed]") {
  // SIGSTOP keeps the node's connection open but silent, as a frozen VM or
  // a cut cable would: only the heartbeat timeout (2 s here) can tell.
  distributed_fixture f{std::chrono::milliseconds{300}};
  test::node_process a{f.tmp.file("a.log")};
  test::node_process b{f.tmp.file("b.log")};
  auto frozen = std::make_shared<std::atomic<bool>>(false);
  auto b_address = b.address();
  auto b_pid = b.pid();
  auto watcher = f.sys.spawn([=]() -> caf::behavior {
    return {[=](const trace_event& ev) {
      if (ev.kind != "task" || frozen->load())
        return;
      const auto* node = ev.attributes.as_object().if_contains("troupe.node");
      if (node != nullptr && *node == b_address.c_str()) {
        frozen->store(true);
        ::kill(b_pid, SIGSTOP);
      }
    }};
  });
  auto started = std::chrono::steady_clock::now();
  auto report = f.run(f.load({a.address(), b_address}), "silent", watcher);
  auto took = std::chrono::steady_clock::now() - started;
  ::kill(b_pid, SIGCONT);
  INFO(report.outcome.error);
  REQUIRE(frozen->load());
  REQUIRE(report.outcome.status == "succeeded");
  auto events = test::read_trace(report.trace_path);
  const auto* lost = find_kind(events, "node_lost");
  REQUIRE(lost != nullptr);
  CHECK(lost->at("attributes").at("troupe.node") == b_address.c_str());
  CHECK(lost->at("attributes").at("tasks_moved").as_int64() >= 1);
  // Lost after the timeout, not at once, and long before the step timeout.
  CHECK(took > std::chrono::seconds{2});
  CHECK(took < std::chrono::seconds{30});
  caf::anon_send_exit(watcher, caf::exit_reason::user_shutdown);
}

#include "runtime/scenario/scenario_loader.hpp"
#include "support/loader_fixture.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
using namespace troupe::test;

namespace {

// The search agent of `mini` is on line 6; its placement value, added last,
// starts at column 77.
const std::string search_agent = R"("params": {"tool": "corpus"}})";

/// `mini` with `"placement": PLACEMENT` added to its search agent.
std::string placed(const std::string& placement) {
  return change(search_agent,
                R"("params": {"tool": "corpus"}, "placement": )" + placement + "}");
}

/// The placement of the search agent of `text`, which must load.
placement_spec placement_of(const loader_fixture& f, const std::string& text) {
  auto result = f.load(text);
  log_errors(result);
  REQUIRE(result.spec);
  const auto* agent = result.spec->find_agent("search");
  REQUIRE(agent != nullptr);
  return agent->placement;
}

const std::string form_hint = "write HOST:PORT, e.g. 127.0.0.1:7101";

} // namespace

TEST_CASE_METHOD(loader_fixture, "placement: none given is local", "[placement_reader]") {
  auto result = load(mini);
  REQUIRE(result.spec);
  for (const auto& agent : result.spec->agents) {
    INFO(agent.id);
    CHECK(agent.placement.is_local());
    CHECK(agent.placement.spread == "round_robin");
    CHECK(agent.placement.fallback == "local");
  }
}

TEST_CASE_METHOD(loader_fixture, "placement: \"local\"", "[placement_reader]") {
  auto placement = placement_of(*this, placed(R"("local")"));
  CHECK(placement.is_local());
  CHECK(placement.nodes.empty());
}

TEST_CASE_METHOD(loader_fixture, "placement: one node", "[placement_reader]") {
  auto placement = placement_of(*this, placed(R"("10.0.0.5:7101")"));
  CHECK(placement.nodes == std::vector<std::string>{"10.0.0.5:7101"});
  CHECK(placement.spread == "round_robin");
  CHECK(placement.fallback == "local");
  CHECK(placement_of(*this, placed(R"("[::1]:7101")")).nodes ==
        std::vector<std::string>{"[::1]:7101"});
}

TEST_CASE_METHOD(loader_fixture, "placement: an array of nodes, written as parsed",
                 "[placement_reader]") {
  auto placement = placement_of(
      *this, placed(R"(["10.0.0.5:7101", "[fd00::2]:7102", "node-c:07103"])"));
  CHECK(placement.nodes ==
        std::vector<std::string>{"10.0.0.5:7101", "[fd00::2]:7102", "node-c:7103"});
  CHECK(placement.spread == "round_robin");
  CHECK(placement.fallback == "local");
  // The other agent stays local.
  auto result = load(placed(R"(["10.0.0.5:7101"])"));
  REQUIRE(result.spec);
  CHECK(result.spec->find_agent("summarize")->placement.is_local());
}

TEST_CASE_METHOD(loader_fixture, "placement: an object with spread and fallback",
                 "[placement_reader]") {
  auto placement =
      placement_of(*this, placed(R"({"nodes": ["a:1", "b:2"], "spread": "least_loaded",
                        "fallback": "none"})"));
  CHECK(placement.nodes == std::vector<std::string>{"a:1", "b:2"});
  CHECK(placement.spread == "least_loaded");
  CHECK(placement.fallback == "none");

  auto defaults = placement_of(*this, placed(R"({"nodes": ["a:1"]})"));
  CHECK(defaults.nodes == std::vector<std::string>{"a:1"});
  CHECK(defaults.spread == "round_robin");
  CHECK(defaults.fallback == "local");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: wrong type",
                 "[placement_reader]") {
  only_error(load(placed("42")), 6, 77,
             "agents.search.placement must be a string, an array or an object, not a "
             "number",
             R"(write "local", a node "HOST:PORT", an array of nodes, or {"nodes":)");
  only_error(load(placed("null")), 6, 77, "agents.search.placement must be a string");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: bad node string",
                 "[placement_reader]") {
  only_error(load(placed(R"("10.0.0.5")")), 6, 77,
             "the placement of agent 'search': node address '10.0.0.5' has no ':PORT'; " +
                 form_hint,
             "a node is the HOST:PORT a `troupe node` listens on");
  only_error(load(placed(R"("locale")")), 6, 77, "node address 'locale' has no ':PORT'",
             "did you mean 'local'? a node is the HOST:PORT");
  only_error(load(placed(R"("10.0.0.5:0")")), 6, 77,
             "the placement of agent 'search': node address '10.0.0.5:0' has port 0",
             "give the port it listens on");
  only_error(load(placed(R"("::1:7101")")), 6, 77,
             "node address '::1:7101' needs brackets around its IPv6 host");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: no nodes", "[placement_reader]") {
  only_error(load(placed("[]")), 6, 77, "the placement of agent 'search' lists no nodes",
             "list the HOST:PORT of at least one `troupe node`");
  // {"nodes": [  -- the array starts 10 columns into the object.
  only_error(load(placed(R"({"nodes": []})")), 6, 87,
             "the placement of agent 'search' lists no nodes");
  only_error(load(placed(R"({"spread": "least_loaded"})")), 6, 77,
             "the placement of agent 'search' has no \"nodes\"",
             "add \"nodes\": [\"HOST:PORT\", ...]");
  only_error(load(placed(R"({"nodes": "a:1"})")), 6, 87,
             "agents.search.placement.nodes must be an array, not a string");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: errors point at the node",
                 "[placement_reader]") {
  // ["a:1", "b:70000"]: the second element starts at column 77 + 8.
  only_error(load(placed(R"(["a:1", "b:70000"])")), 6, 85,
             "node address 'b:70000' has port 70000, beyond 65535; " + form_hint);
  only_error(load(placed(R"(["a:1", 5])")), 6, 85,
             "agents.search.placement[1] must be a string \"HOST:PORT\", not a number");
  only_error(load(placed(R"({"nodes": ["a:1", "b:x"]})")), 6, 95,
             "node address 'b:x' needs a port of digits 0 to 65535");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: a node twice",
                 "[placement_reader]") {
  only_error(load(placed(R"(["a:1", "b:2", "a:01"])")), 6, 92,
             "the placement of agent 'search' lists node 'a:1' twice",
             "remove one: each node runs one instance of the agent");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: \"local\" among nodes",
                 "[placement_reader]") {
  only_error(load(placed(R"(["local", "a:1"])")), 6, 78,
             "\"local\" cannot be one of the nodes of agent 'search'",
             "\"local\" stands alone");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: unknown spread and fallback",
                 "[placement_reader]") {
  // {"nodes": ["a:1"], "spread": "least_load"}: the value at column 77 + 29.
  only_error(load(placed(R"({"nodes": ["a:1"], "spread": "least_load"})")), 6, 106,
             "unknown spread 'least_load' in the placement of agent 'search'",
             "did you mean 'least_loaded'? spread names: round_robin, least_loaded");
  only_error(load(placed(R"({"nodes": ["a:1"], "fallback": "nnoe"})")), 6, 108,
             "unknown fallback 'nnoe' in the placement of agent 'search'",
             "did you mean 'none'? fallback names: local, none");
  only_error(load(placed(R"({"nodes": ["a:1"], "fallback": "remote"})")), 6, 108,
             "unknown fallback 'remote'", "fallback names: local, none");
  only_error(load(placed(R"({"nodes": ["a:1"], "spread": 3})")), 6, 106,
             "agents.search.placement.spread must be a string, not a number");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: unknown keys",
                 "[placement_reader]") {
  only_error(load(placed(R"({"nodes": ["a:1"], "sprad": "least_loaded"})")), 6, 96,
             "unknown key 'sprad' in agents.search.placement",
             "did you mean 'spread'? allowed keys: nodes, spread, fallback");
  only_error(
      load(change(search_agent, R"("params": {"tool": "corpus"}, "placment": "local"})")),
      6, 64, "unknown key 'placment' in agents.search",
      "did you mean 'placement'? allowed keys: type, route, prompt, params, placement");
}

TEST_CASE_METHOD(loader_fixture, "placement malformed: every error is reported",
                 "[placement_reader]") {
  auto result = load(placed(R"({"nodes": ["a", "b:2", "b:2"], "fallback": "nope"})"));
  log_errors(result);
  REQUIRE_FALSE(result.spec);
  REQUIRE(result.errors.size() == 3);
  CHECK_THAT(result.errors[0].message,
             Catch::Contains("node address 'a' has no ':PORT'"));
  CHECK(result.errors[0].column == 88);
  CHECK_THAT(result.errors[1].message, Catch::Contains("lists node 'b:2' twice"));
  CHECK(result.errors[1].column == 100);
  CHECK_THAT(result.errors[2].message, Catch::Contains("unknown fallback 'nope'"));
  CHECK(result.errors[2].column == 120);
}

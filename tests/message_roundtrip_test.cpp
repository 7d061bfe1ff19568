// Every Troupe message type must survive CAF's binary serialisation, the
// format CAF uses between nodes.

#include "runtime/messages/spawn_agent.hpp"
#include "runtime/messages/type_ids.hpp"
#include "support/test_system.hpp"

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <catch2/catch.hpp>
#include <utility>

using namespace troupe;

namespace {

template <class T> std::vector<char> serialize(caf::actor_system& sys, T& x) {
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  REQUIRE(!sink(x));
  return buf;
}

/// Writes `x`, reads it back, writes the copy: both byte strings must match.
template <class T> T roundtrip(caf::actor_system& sys, T x) {
  auto bytes = serialize(sys, x);
  T copy;
  caf::binary_deserializer source{sys, bytes};
  REQUIRE(!source(copy));
  CHECK(serialize(sys, copy) == bytes);
  return copy;
}

/// A default value of the type with id `Id`, written, read and written again.
template <caf::type_id_t Id> void roundtrip_default(caf::actor_system& sys) {
  using type = typename caf::type_by_id<Id>::type;
  INFO(caf::type_name_by_id<Id>::value);
  roundtrip(sys, type{});
}

template <caf::type_id_t... Offsets>
void roundtrip_block(caf::actor_system& sys,
                     std::integer_sequence<caf::type_id_t, Offsets...>) {
  (roundtrip_default<caf::id_block::troupe::begin + Offsets>(sys), ...);
}

} // namespace

TEST_CASE("every type of the message block round-trips, default values included") {
  test::test_system ts;
  constexpr auto count = caf::id_block::troupe::end - caf::id_block::troupe::begin;
  static_assert(count >= 24, "every message type is in the block");
  roundtrip_block(ts.sys, std::make_integer_sequence<caf::type_id_t, count>{});
}

TEST_CASE("every message type round-trips through CAF's binary format") {
  test::test_system ts;
  auto& sys = ts.sys;
  boost::json::value payload = boost::json::parse(
      R"({"query":"battery","n":[1,2.5,true,null],"nested":{"ü":"ünïcode"}})");

  auto t = roundtrip(sys, task{"run-1", "search", "search", "run/search#1/t0",
                               "run/search#1", payload, 2, 3});
  CHECK(t.inputs == payload);
  CHECK(t.round == 2);
  CHECK(t.item_index == 3);

  auto r = roundtrip(sys, agent_result{"refine", "refine", payload, "more please"});
  CHECK(r.output == payload);
  CHECK(r.needs_more == "more please");

  model_request req;
  req.run_id = "run-1";
  req.route = "default";
  req.messages = {{"system", "be brief"}, {"user", "<question>q</question>"}};
  req.temperature = 0.25;
  auto req2 = roundtrip(sys, req);
  REQUIRE(req2.messages.size() == 2);
  CHECK(req2.messages[1].content == "<question>q</question>");
  CHECK(req2.temperature == 0.25);

  model_response resp;
  resp.text = "{}";
  resp.input_tokens = 12;
  resp.attempts = {{"local", "extractive-v1", "ok", "", 5}};
  auto resp2 = roundtrip(sys, resp);
  REQUIRE(resp2.attempts.size() == 1);
  CHECK(resp2.attempts[0].provider == "local");
  CHECK(resp2.input_tokens == 12);

  auto call = roundtrip(sys, tool_call{"run-1", "search", "span", payload});
  CHECK(call.args == payload);
  CHECK(call.parent_span == "span");
  CHECK(roundtrip(sys, tool_result{payload}).output == payload);
  auto hit = roundtrip(sys, search_hit{"id-1", "Title", "a.md", "snip", "text", 1.5});
  CHECK(hit.score == 1.5);

  trace_event ev;
  ev.kind = "model_call";
  ev.attributes = payload;
  CHECK(roundtrip(sys, ev).attributes == payload);

  run_outcome outcome{"run-1", "succeeded", "", 4, 1, payload};
  CHECK(roundtrip(sys, outcome).outputs == payload);

  auto checkpoint = roundtrip(sys, run_checkpoint{"running", payload});
  CHECK(checkpoint.status == "running");
  CHECK(checkpoint.progress == payload);

  auto ask = roundtrip(
      sys, approval_request{"run-1", "approve", "approver", "the contract", "3 risks"});
  CHECK(ask.summary == "3 risks");
  auto decision = roundtrip(sys, approval_decision{true, "alice", "fine"});
  CHECK(decision.approved);
  CHECK(decision.decided_by == "alice");

  attempt_result attempt;
  attempt.outcome = attempt_outcome::rate_limited;
  attempt.retry_after_ms = 1500;
  attempt.text = "ünïcode";
  auto attempt2 = roundtrip(sys, attempt);
  CHECK(attempt2.outcome == attempt_outcome::rate_limited);
  CHECK(attempt2.retry_after_ms == 1500);
  CHECK(attempt2.text == "ünïcode");
}

TEST_CASE("a number beyond a double's range crosses as null, not as Infinity") {
  test::test_system ts;
  // 1e999 parses as an infinity; Boost.JSON would write it as `Infinity`.
  auto payload = boost::json::parse(R"({"score":1e999,"ok":[1,2]})");
  auto copy = roundtrip(ts.sys, tool_result{payload});
  CHECK(copy.output.at("score").is_null());
  CHECK(copy.output.at("ok") == boost::json::array{1, 2});
}

TEST_CASE("a corrupted JSON payload is a load error, not a crash") {
  test::test_system ts;
  std::vector<char> buf;
  {
    caf::binary_serializer sink{ts.sys, buf};
    std::string kind = "x", garbage = "{not json";
    // A trace_event whose payload text was damaged in transit: the fields
    // written by hand, with broken JSON text in the attributes slot.
    REQUIRE(!sink(kind, int64_t{0}, kind, kind, kind, kind, kind, kind, int64_t{0},
                  int64_t{0}, int64_t{0}, 0.0, kind, garbage));
  }
  trace_event copy;
  caf::binary_deserializer source{ts.sys, buf};
  CHECK(source(copy));
}

TEST_CASE("a spawn_agent request carries the agent's spec, prompt, inputs and handles") {
  test::test_system ts;
  auto& sys = ts.sys;
  auto router = sys.spawn([]() -> model_actor::behavior_type {
    return {[](const model_request&) { return model_response{}; }};
  });
  spawn_agent req;
  req.env.run_id = "run-9";
  req.env.spec.id = "summarize";
  req.env.spec.type = "summarize";
  req.env.spec.route = "default";
  req.env.spec.prompt =
      *prompt_template::parse("Summarise {{question}} in {{words}} words", "v3");
  req.env.spec.prompt_source = "prompts/summarize.txt";
  req.env.spec.params =
      boost::json::parse(R"({"max_words":80,"tool":"corpus"})").as_object();
  req.env.spec.placement.nodes = {"127.0.0.1:7101"};
  req.env.run_inputs = boost::json::object{{"question", "battery recycling"}};
  req.env.router = router;
  req.env.node = "127.0.0.1:7101";
  req.token = "s3cret";
  auto copy = roundtrip(sys, req);
  CHECK(copy.token == "s3cret");
  CHECK(copy.env.run_id == "run-9");
  CHECK(copy.env.node == "127.0.0.1:7101");
  CHECK(copy.env.router == router);
  CHECK(!copy.env.trace);
  REQUIRE(copy.env.spec.prompt);
  CHECK(copy.env.spec.prompt->version() == "v3");
  CHECK(copy.env.spec.prompt->hash() == req.env.spec.prompt->hash());
  CHECK(copy.env.spec.prompt->variables() ==
        std::vector<std::string>{"question", "words"});
  CHECK(copy.env.spec.params.at("max_words") == 80);
  CHECK(copy.env.spec.prompt_source == "prompts/summarize.txt");
  CHECK(copy.env.run_inputs.at("question") == "battery recycling");
  // Where an agent runs is the orchestrator's business, not the node's.
  CHECK(copy.env.spec.placement.nodes.empty());
  caf::anon_send_exit(router, caf::exit_reason::user_shutdown);
}

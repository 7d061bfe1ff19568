// Every Troupe message type must survive CAF's binary serialisation, the
// format CAF uses between nodes.

#include "runtime/messages/type_ids.hpp"
#include "support/test_system.hpp"

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <catch2/catch.hpp>

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

} // namespace

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

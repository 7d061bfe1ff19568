#include "runtime/trace/json_line_writer.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace troupe;

namespace {

boost::json::object parse_line(const std::string& line) {
  REQUIRE(!line.empty());
  REQUIRE(line.back() == '\n');
  REQUIRE(line.find('\n') == line.size() - 1); // one line, whatever the text held
  return boost::json::parse(line).as_object();
}

trace_event full_event() {
  trace_event ev;
  ev.kind = "model_call";
  ev.ts_us = 1764547200000000;
  ev.run_id = "20261201-010000-ab12";
  ev.span_id = "run/s1#1/t0/m1";
  ev.parent_span = "run/s1#1/t0";
  ev.from = "summarize";
  ev.to = "openai";
  ev.message_type = "model_request";
  ev.duration_us = 1234;
  ev.input_tokens = 20;
  ev.output_tokens = 50;
  ev.cost_usd = 0.000125;
  ev.status = "ok";
  ev.attributes =
      boost::json::object{{"gen_ai.output.text", "a \"quoted\"\nline\twith\x01"},
                          {"troupe.attempts", boost::json::array{1, 2.5}}};
  return ev;
}

} // namespace

TEST_CASE("a trace line reads back as the event it was written from", "[trace][line]") {
  auto ev = full_event();
  std::string line;
  append_json_line(ev, line);
  auto back = from_json(parse_line(line));
  REQUIRE(back);
  CHECK(back->kind == ev.kind);
  CHECK(back->ts_us == ev.ts_us);
  CHECK(back->run_id == ev.run_id);
  CHECK(back->span_id == ev.span_id);
  CHECK(back->parent_span == ev.parent_span);
  CHECK(back->from == ev.from);
  CHECK(back->to == ev.to);
  CHECK(back->message_type == ev.message_type);
  CHECK(back->duration_us == ev.duration_us);
  CHECK(back->input_tokens == ev.input_tokens);
  CHECK(back->output_tokens == ev.output_tokens);
  CHECK(back->cost_usd == ev.cost_usd);
  CHECK(back->status == ev.status);
  CHECK(back->attributes == ev.attributes);
}

TEST_CASE("a trace line leaves out empty optional fields", "[trace][line]") {
  trace_event ev;
  ev.kind = "step_start";
  ev.run_id = "r";
  ev.span_id = "run/s1#1";
  ev.parent_span = "run";
  ev.status = "ok";
  std::string line;
  append_json_line(ev, line);
  auto obj = parse_line(line);
  CHECK(!obj.contains("from"));
  CHECK(!obj.contains("to"));
  CHECK(!obj.contains("message_type"));
  CHECK(!obj.contains("gen_ai.usage.input_tokens"));
  CHECK(!obj.contains("attributes"));
  CHECK(from_json(obj));
}

TEST_CASE("numbers that are not finite are written as null", "[trace][line]") {
  auto ev = full_event();
  ev.attributes = boost::json::object{
      {"big", std::numeric_limits<double>::infinity()},
      {"nested", boost::json::array{1, std::numeric_limits<double>::quiet_NaN()}}};
  ev.cost_usd = std::numeric_limits<double>::infinity();
  std::string line;
  append_json_line(ev, line);
  auto obj = parse_line(line);
  CHECK(obj.at("cost_usd").is_null());
  CHECK(obj.at("attributes").at("big").is_null());
  CHECK(obj.at("attributes").at("nested").as_array()[1].is_null());
  CHECK(obj.at("attributes").at("nested").as_array()[0] == 1);
  // The event itself is left as it was.
  CHECK(std::isinf(ev.attributes.at("big").as_double()));
}

TEST_CASE("strings are escaped as Boost.JSON escapes them", "[trace][line]") {
  for (std::string text : {std::string{"plain"}, std::string{"quote \" and \\ slash"},
                           std::string{"\b\f\n\r\t"}, std::string{"\x01\x1f\x7f"},
                           std::string{"caf\xc3\xa9 \xe2\x82\xac"}, std::string{}}) {
    std::string ours;
    append_json_string(ours, text);
    CHECK(ours == boost::json::serialize(boost::json::string(text)));
  }
}

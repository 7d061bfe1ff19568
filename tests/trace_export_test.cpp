// The trace exports on the recorded research-assistant trace: golden output
// for each format, and the structure Perfetto and an OpenTelemetry
// collector rely on, checked on the parsed JSON.

#include "runtime/trace/export/mermaid_export.hpp"
#include "runtime/trace/export/otlp_export.hpp"
#include "runtime/trace/export/perfetto_export.hpp"
#include "support/trace_fixtures.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace troupe;

namespace {

namespace json = boost::json;

bool is_hex(const json::value& v, std::size_t digits) {
  if (!v.is_string() || v.as_string().size() != digits)
    return false;
  for (char c : v.as_string())
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(c))
      return false;
  return true;
}

int64_t nanos(const json::value& v) {
  REQUIRE(v.is_string());
  return std::stoll(std::string{v.as_string()});
}

/// The one parsed line an OTLP export is.
json::object otlp_request(const recorded_trace& trace) {
  auto text = export_otlp(trace);
  REQUIRE(text.find('\n') == text.size() - 1); // one request a line
  return json::parse(text).as_object();
}

const json::array& otlp_spans(const json::object& request) {
  const auto& resource_spans = request.at("resourceSpans").as_array();
  REQUIRE(resource_spans.size() == 1);
  const auto& scope_spans = resource_spans[0].at("scopeSpans").as_array();
  REQUIRE(scope_spans.size() == 1);
  CHECK(scope_spans[0].at("scope").at("name") == "troupe");
  return scope_spans[0].at("spans").as_array();
}

/// The string value of the attribute `key` in an OTLP KeyValue list.
std::string attribute(const json::value& key_values, const std::string& key) {
  for (const auto& kv : key_values.as_array())
    if (kv.at("key") == key.c_str())
      return json::serialize(kv.at("value"));
  return "";
}

} // namespace

TEST_CASE("golden: the Perfetto export of the recorded trace", "[trace_export]") {
  test::check_golden("trace_export_perfetto.json", export_perfetto(test::recorded()));
}

TEST_CASE("golden: the OTLP export of the recorded trace", "[trace_export]") {
  test::check_golden("trace_export_otlp.json", export_otlp(test::recorded()));
}

TEST_CASE("golden: the Mermaid export of the recorded trace", "[trace_export]") {
  test::check_golden("trace_export_mermaid.mmd", export_mermaid(test::recorded()));
}

TEST_CASE("the Perfetto export is Chrome trace JSON whose slices nest",
          "[trace_export]") {
  auto root = json::parse(export_perfetto(test::recorded())).as_object();
  const auto& events = root.at("traceEvents").as_array();
  std::map<int64_t, std::string> tracks;
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> open; // tid: stack
  std::set<std::string> instants;
  for (const auto& v : events) {
    const auto& e = v.as_object();
    INFO(json::serialize(e));
    for (const char* key : {"ph", "ts", "pid", "tid", "name"})
      REQUIRE(e.contains(key));
    CHECK(e.at("ts").as_int64() >= 0);
    auto ph = std::string{e.at("ph").as_string()};
    auto tid = e.at("tid").as_int64();
    if (ph == "M" && e.at("name") == "thread_name")
      tracks[tid] = e.at("args").at("name").as_string().c_str();
    if (ph == "i")
      instants.insert(e.at("name").as_string().c_str());
    if (ph != "X")
      continue;
    CHECK(tracks.count(tid) == 1); // named before it is used
    auto start = e.at("ts").as_int64();
    auto end = start + e.at("dur").as_int64();
    auto& stack = open[tid];
    while (!stack.empty() && stack.back().second <= start)
      stack.pop_back();
    CHECK((stack.empty() || end <= stack.back().second)); // nested, not overlapping
    stack.emplace_back(start, end);
  }
  CHECK(tracks.at(1) == "orchestrator");
  CHECK(tracks.at(3) == "summarize");
  CHECK(tracks.at(5) == "summarize (3)"); // three tasks at once
  CHECK(instants ==
        std::set<std::string>{"retry", "failover", "loop_back", "task_reused"});
}

TEST_CASE("the OTLP export is one trace of well-formed spans", "[trace_export]") {
  auto request = otlp_request(test::recorded());
  const auto& resource = request.at("resourceSpans").at(0).at("resource");
  CHECK(attribute(resource.at("attributes"), "service.name") ==
        R"({"stringValue":"troupe"})");
  CHECK(attribute(resource.at("attributes"), "troupe.scenario") ==
        R"({"stringValue":"research_assistant"})");
  const auto& spans = otlp_spans(request);
  REQUIRE(spans.size() == 47);
  std::set<std::string> ids;
  for (const auto& s : spans)
    ids.insert(s.at("spanId").as_string().c_str());
  CHECK(ids.size() == spans.size());
  std::set<std::string> names;
  for (const auto& v : spans) {
    const auto& s = v.as_object();
    INFO(json::serialize(s));
    CHECK(is_hex(s.at("traceId"), 32));
    CHECK(s.at("traceId") == spans[0].at("traceId"));
    CHECK(is_hex(s.at("spanId"), 16));
    const auto& parent = s.at("parentSpanId").as_string();
    CHECK((parent.empty() || ids.count(parent.c_str()) == 1));
    CHECK(nanos(s.at("startTimeUnixNano")) <= nanos(s.at("endTimeUnixNano")));
    auto code = s.at("status").at("code").as_int64();
    CHECK((code == 1 || code == 2));
    names.insert(s.at("name").as_string().c_str());
  }
  CHECK(spans[0].at("parentSpanId") == "");
  for (const char* name : {"research_assistant", "summarize", "invoke_agent summarize",
                           "chat gpt-4o-mini", "execute_tool corpus"})
    CHECK(names.count(name) == 1);
}

TEST_CASE("OTLP: point events are events of their call, attributes typed",
          "[trace_export]") {
  auto request = otlp_request(test::recorded());
  const auto& spans = otlp_spans(request);
  const json::object* call = nullptr;
  for (const auto& s : spans)
    if (attribute(s.at("attributes"), "troupe.span_path") ==
        R"({"stringValue":"run/summarize#2/t2/m3"})")
      call = &s.as_object();
  REQUIRE(call != nullptr);
  std::vector<std::string> events;
  for (const auto& e : call->at("events").as_array())
    events.push_back(e.at("name").as_string().c_str());
  CHECK(std::count(events.begin(), events.end(), "retry") == 2);
  CHECK(std::count(events.begin(), events.end(), "failover") == 1);
  CHECK(call->at("kind") == 3); // client
  const auto& attributes = call->at("attributes");
  CHECK(attribute(attributes, "gen_ai.usage.output_tokens") == R"({"intValue":"122"})");
  CHECK(attribute(attributes, "troupe.cached") == R"({"boolValue":false})");
  CHECK_THAT(attribute(attributes, "gen_ai.response.finish_reasons"),
             Catch::StartsWith(R"({"arrayValue":{"values":[{"stringValue":"stop"})"));
  CHECK_THAT(attribute(attributes, "troupe.attempts"),
             Catch::StartsWith(R"({"arrayValue":{"values":[{"kvlistValue")"));
}

TEST_CASE("OTLP: a failed span says why; an unfinished one has no status",
          "[trace_export]") {
  auto trace = test::read_text(
      test::event("run_start", 1, "run", test::schema) +
      test::event("step_start", 2, "run/a#1", R"(,"attributes":{"step":"a"})") +
      test::event("task", 3, "run/a#1/t0", R"(,"from":"orchestrator","to":"x")") +
      R"({"ts_us":9,"kind":"result","run_id":"r","span_id":"run/a#1/t0","parent_span_id":"run/a#1",)"
      R"("duration_us":6,"cost_usd":0,"status":"error","attributes":{"error.message":"boom"}})"
      "\n");
  auto request = otlp_request(trace);
  const auto& spans = otlp_spans(request);
  REQUIRE(spans.size() == 3);
  CHECK(spans[0].at("status").as_object().empty()); // the run never ended
  CHECK(spans[0].at("endTimeUnixNano") == "9000");
  CHECK(spans[2].at("status") == json::parse(R"({"code":2,"message":"boom"})"));
  CHECK(attribute(spans[1].at("attributes"), "troupe.step") == R"({"stringValue":"a"})");
}

TEST_CASE("Mermaid participants and labels are safe", "[trace_export]") {
  auto trace = test::read_text(
      test::event("run_start", 1, "run", test::schema) +
      test::event("task", 2, "run/a#1/t0", R"(,"from":"orchestrator","to":"end")") +
      test::event("agent_down", 3, "run/a#1",
                  R"(,"from":"end","attributes":{"error.message":"a;b#c\nd<e>"})") +
      test::event("task", 3, "run/a#1/t1", R"(,"from":"orchestrator","to":"my agent")") +
      test::event("task", 4, "run/a#1/t2", R"(,"from":"orchestrator","to":"my_agent")"));
  auto text = export_mermaid(trace);
  CHECK_THAT(text, Catch::StartsWith("sequenceDiagram\n  participant orchestrator\n"));
  CHECK_THAT(text, Catch::Contains("  participant p_end as end\n"));
  CHECK_THAT(text, Catch::Contains("  participant my_agent as my agent\n"));
  CHECK_THAT(text, Catch::Contains("  participant my_agent_2 as my_agent\n"));
  CHECK_THAT(text, Catch::Contains("orchestrator->>p_end: step a, task t0\n"));
  CHECK_THAT(text,
             Catch::Contains(
                 "Note over p_end: agent end stopped, error: a#59;b#35;c d#lt;e#gt;\n"));
}

TEST_CASE("exports of a cut trace and of strange span ids", "[trace_export]") {
  auto whole = test::slurp(test::data_dir + "research_assistant_trace.jsonl");
  std::string deep = "run";
  for (int i = 0; i < 2000; ++i)
    deep += "/x";
  for (const auto& trace :
       {test::read_text(whole.substr(0, whole.size() / 2)),
        test::read_text(test::event("run_start", 1, "run", test::schema) +
                        test::event("tool_call", 2, deep) + test::event("retry", 3, "") +
                        test::event("model_call", 4, "/") +
                        test::event("task", 5, "run/a#1/t0/"))}) {
    auto perfetto = json::parse(export_perfetto(trace));
    CHECK(perfetto.at("traceEvents").as_array().size() > 3);
    auto request = otlp_request(trace);
    CHECK_FALSE(otlp_spans(request).empty());
    CHECK_THAT(export_mermaid(trace), Catch::StartsWith("sequenceDiagram\n"));
  }
}

#include "runtime/trace/export/otlp_export.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/scenario/content_hash.hpp"
#include "runtime/trace/export/trace_span.hpp"

#include <boost/json.hpp>

namespace troupe {

namespace {

namespace json = boost::json;

// OTLP's enums, as OTLP/JSON writes them: integers.
constexpr int span_kind_internal = 1;
constexpr int span_kind_client = 3;
constexpr int status_ok = 1;
constexpr int status_error = 2;

json::array key_values(const json::object& attributes);

/// A JSON value as an OTLP AnyValue; OTLP/JSON writes 64-bit integers as
/// strings.
json::object any_value(const json::value& v) {
  switch (v.kind()) {
  case json::kind::string:
    return {{"stringValue", v.as_string()}};
  case json::kind::bool_:
    return {{"boolValue", v.as_bool()}};
  case json::kind::int64:
    return {{"intValue", std::to_string(v.as_int64())}};
  case json::kind::uint64:
    return {{"intValue", std::to_string(v.as_uint64())}};
  case json::kind::double_:
    return {{"doubleValue", v.as_double()}};
  case json::kind::array: {
    json::array values;
    for (const auto& x : v.as_array())
      values.push_back(any_value(x));
    return {{"arrayValue", {{"values", std::move(values)}}}};
  }
  case json::kind::object:
    return {{"kvlistValue", {{"values", key_values(v.as_object())}}}};
  case json::kind::null:
    break;
  }
  return {};
}

json::array key_values(const json::object& attributes) {
  json::array out;
  for (const auto& [key, value] : attributes)
    out.push_back(json::object{{"key", key}, {"value", any_value(value)}});
  return out;
}

std::string nanos(int64_t us) {
  return std::to_string(us) + "000";
}

/// 16 hex digits for a span: its path within its run.
std::string span_id_of(const std::string& run_id, std::string_view span) {
  return content_hash(run_id + " " + std::string{span});
}

/// Adds a trace event's attributes. Names without a namespace ("step",
/// "round") get Troupe's, as OpenTelemetry asks of attribute names.
void merge(json::object& into, const json::value& attributes) {
  if (const auto* object = attributes.if_object())
    for (const auto& [key, value] : *object)
      into[key.find('.') == json::string_view::npos ? "troupe." + std::string{key}
                                                    : std::string{key}] = value;
}

json::object span_attributes(const trace_span& span) {
  const auto& head = *span.head;
  json::object out{{"troupe.span_path", head.span_id}};
  if (head.kind == "task") {
    out["gen_ai.operation.name"] = "invoke_agent";
    out["gen_ai.agent.name"] = head.to;
  }
  merge(out, head.attributes);
  if (span.closing != nullptr && span.closing != span.head)
    merge(out, span.closing->attributes);
  if (head.input_tokens > 0 || head.output_tokens > 0) {
    out["gen_ai.usage.input_tokens"] = head.input_tokens;
    out["gen_ai.usage.output_tokens"] = head.output_tokens;
  }
  if (head.cost_usd > 0)
    out["troupe.cost_usd"] = head.cost_usd;
  return out;
}

json::object status_of(const trace_span& span) {
  if (span.closing == nullptr)
    return {}; // unset: it never finished
  if (span.ok())
    return {{"code", status_ok}};
  return {{"code", status_error}, {"message", span.error_text()}};
}

json::object span_event(const trace_event& ev) {
  json::object attributes;
  merge(attributes, ev.attributes);
  return {{"timeUnixNano", nanos(ev.ts_us)},
          {"name", ev.kind},
          {"attributes", key_values(attributes)}};
}

json::object otlp_span(const trace_span& span, const std::string& trace_id,
                       const std::string& parent_id) {
  const auto& head = *span.head;
  bool client = head.kind == "model_call" || head.kind == "model_attempt";
  json::object out{{"traceId", trace_id},
                   {"spanId", span_id_of(head.run_id, head.span_id)},
                   {"parentSpanId", parent_id},
                   {"name", span.name},
                   {"kind", client ? span_kind_client : span_kind_internal},
                   {"startTimeUnixNano", nanos(span.start_us)},
                   {"endTimeUnixNano", nanos(span.end_us)},
                   {"attributes", key_values(span_attributes(span))},
                   {"events", json::array{}},
                   {"status", status_of(span)}};
  for (const auto* e : span.node->events)
    if (!span.stands_for(e->event))
      out["events"].as_array().push_back(span_event(e->event));
  return out;
}

/// The spans depth first. A point event's node is no span: its events go
/// to the nearest span above it, which a depth-first walk has on its stack.
json::array otlp_spans(const recorded_trace& trace, const std::string& trace_id) {
  span_tree tree{trace};
  json::array spans;
  std::vector<std::pair<std::size_t, std::size_t>> open; // depth, index in spans
  for (auto index : tree.depth_first()) {
    const auto& node = tree.node(index);
    while (!open.empty() && open.back().first >= node.depth)
      open.pop_back();
    auto span = span_of(node, trace.end_us());
    if (!span && !open.empty()) {
      auto& events = spans[open.back().second].as_object()["events"].as_array();
      for (const auto* e : node.events)
        events.push_back(span_event(e->event));
    }
    if (!span)
      continue;
    auto parent = open.empty() ? json::string{}
                               : spans[open.back().second].at("spanId").as_string();
    spans.push_back(otlp_span(*span, trace_id, std::string{parent}));
    open.emplace_back(node.depth, spans.size() - 1);
  }
  return spans;
}

} // namespace

std::string export_otlp(const recorded_trace& trace) {
  const auto& start = *trace.first("run_start");
  // 32 hex digits: two hashes of the run id, so one run has one trace id.
  auto trace_id = content_hash("troupe run " + start.run_id) + content_hash(start.run_id);
  json::object resource{
      {"attributes",
       key_values({{"service.name", "troupe"},
                   {"troupe.scenario", string_at(start.attributes, "scenario")},
                   {"troupe.run_id", start.run_id}})}};
  json::object scope_spans{{"scope", {{"name", "troupe"}}},
                           {"spans", otlp_spans(trace, trace_id)}};
  json::object request{
      {"resourceSpans",
       json::array{json::object{{"resource", std::move(resource)},
                                {"scopeSpans", json::array{std::move(scope_spans)}}}}}};
  return json::serialize(request) + "\n";
}

} // namespace troupe

#include "runtime/trace/trace_event_json.hpp"

#include "runtime/errors.hpp"
#include "runtime/trace/json_line_writer.hpp"

#include <chrono>
#include <cmath>
#include <initializer_list>
#include <utility>

namespace troupe {

namespace {

caf::error field_error(const char* key, const char* problem) {
  return make_error(errc::invalid_input, std::string{"field '"} + key + "' " + problem);
}

/// Finds `key`; a missing required field is an error, a missing optional
/// one leaves `found` null.
caf::error find(const boost::json::object& line, const char* key, bool required,
                const boost::json::value*& found) {
  found = line.if_contains(key);
  return found == nullptr && required ? field_error(key, "is missing") : caf::none;
}

caf::error read(const boost::json::object& line, const char* key, bool required,
                std::string& out) {
  const boost::json::value* v = nullptr;
  if (auto err = find(line, key, required, v); err || v == nullptr)
    return err;
  if (!v->is_string())
    return field_error(key, "is not a string");
  out.assign(v->as_string().begin(), v->as_string().end());
  return caf::none;
}

caf::error read(const boost::json::object& line, const char* key, bool required,
                int64_t& out) {
  const boost::json::value* v = nullptr;
  if (auto err = find(line, key, required, v); err || v == nullptr)
    return err;
  boost::system::error_code ec;
  out = v->is_number() ? v->to_number<int64_t>(ec) : 0;
  return v->is_number() && !ec ? caf::none : field_error(key, "is not an integer");
}

caf::error read(const boost::json::object& line, const char* key, bool required,
                double& out) {
  const boost::json::value* v = nullptr;
  if (auto err = find(line, key, required, v); err || v == nullptr)
    return err;
  if (!v->is_number())
    return field_error(key, "is not a number");
  out = v->to_number<double>();
  return caf::none;
}

template <class T>
caf::error read_all(const boost::json::object& line, bool required,
                    std::initializer_list<std::pair<const char*, T*>> fields) {
  for (auto [key, out] : fields)
    if (auto err = read(line, key, required, *out))
      return err;
  return caf::none;
}

/// Every field but the attributes, the required ones first.
caf::error read_fields(const boost::json::object& line, trace_event& ev) {
  auto err = read_all<std::string>(line, true,
                                   {{"kind", &ev.kind},
                                    {"run_id", &ev.run_id},
                                    {"span_id", &ev.span_id},
                                    {"parent_span_id", &ev.parent_span},
                                    {"status", &ev.status}});
  if (!err)
    err = read_all<int64_t>(line, true,
                            {{"ts_us", &ev.ts_us}, {"duration_us", &ev.duration_us}});
  if (!err)
    err = read(line, "cost_usd", true, ev.cost_usd);
  if (!err)
    err = read_all<std::string>(
        line, false,
        {{"from", &ev.from}, {"to", &ev.to}, {"message_type", &ev.message_type}});
  if (!err)
    err = read_all<int64_t>(line, false,
                            {{"gen_ai.usage.input_tokens", &ev.input_tokens},
                             {"gen_ai.usage.output_tokens", &ev.output_tokens}});
  return err;
}

/// Values no Troupe writes: a time before 1970 or after 9999, a negative
/// duration, token count or cost. Rejecting them here lets the views add
/// and subtract times without overflowing.
caf::error check_ranges(const trace_event& ev) {
  auto time = [](int64_t us) { return us >= 0 && us <= max_trace_time_us; };
  if (!time(ev.ts_us))
    return field_error("ts_us", "is not a time from 1970 to 9999 in microseconds");
  if (!time(ev.duration_us))
    return field_error("duration_us",
                       "is not a duration from 0 to 253402300799999999 microseconds");
  if (ev.input_tokens < 0)
    return field_error("gen_ai.usage.input_tokens", "is negative");
  if (ev.output_tokens < 0)
    return field_error("gen_ai.usage.output_tokens", "is negative");
  if (!std::isfinite(ev.cost_usd) || ev.cost_usd < 0)
    return field_error("cost_usd", "is not a cost from 0 up");
  return caf::none;
}

} // namespace

void append_json_line(const trace_event& event, std::string& out) {
  json_line_writer line{out};
  line.number("ts_us", event.ts_us);
  line.text("kind", event.kind);
  line.text("run_id", event.run_id);
  line.text("span_id", event.span_id);
  line.text("parent_span_id", event.parent_span);
  if (!event.from.empty())
    line.text("from", event.from);
  if (!event.to.empty())
    line.text("to", event.to);
  if (!event.message_type.empty())
    line.text("message_type", event.message_type);
  line.number("duration_us", event.duration_us);
  if (event.input_tokens > 0 || event.output_tokens > 0) {
    line.number("gen_ai.usage.input_tokens", event.input_tokens);
    line.number("gen_ai.usage.output_tokens", event.output_tokens);
  }
  line.number("cost_usd", event.cost_usd);
  line.text("status", event.status);
  if (event.attributes.is_object() && !event.attributes.as_object().empty())
    line.json("attributes", event.attributes);
  line.close();
}

caf::expected<trace_event> from_json(const boost::json::object& line) {
  trace_event ev;
  if (auto err = read_fields(line, ev))
    return err;
  if (auto err = check_ranges(ev))
    return err;
  const auto* attributes = line.if_contains("attributes");
  if (attributes != nullptr && !attributes->is_object())
    return field_error("attributes", "is not an object");
  ev.attributes = attributes ? *attributes : boost::json::object{};
  return ev;
}

int64_t now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace troupe

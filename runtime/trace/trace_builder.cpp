#include "runtime/trace/trace_builder.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"
#include "runtime/text/finite_numbers.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <boost/json.hpp>

namespace troupe {

namespace {

/// One line parsed: its object, or what is wrong with it.
struct parsed_line {
  boost::json::object object;
  std::string problem;
  bool cut = false;
};

parsed_line parse_line(std::string_view text) {
  parsed_line out;
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  auto used = parser.write(text.data(), text.size(), ec);
  if (!ec)
    parser.finish(ec);
  if (ec) {
    out.cut = ec == boost::json::error::incomplete;
    out.problem = out.cut ? "not JSON (the line ends inside a value)"
                          : "not JSON (" + ec.message() + " at byte " +
                                std::to_string(used + 1) + ")";
    return out;
  }
  auto value = parser.release();
  if (!value.is_object())
    out.problem = "not a JSON object";
  else if (auto at = first_non_finite(value))
    out.problem = "the number at " + *at + " is beyond the range of a double";
  else
    out.object = std::move(value.as_object());
  return out;
}

caf::error line_error(const std::string& name, std::size_t line,
                      const std::string& what) {
  return make_error(errc::invalid_input, name + ":" + std::to_string(line) + ": " + what);
}

caf::error check_schema(const trace_event& start) {
  auto schema = string_at(start.attributes, "schema");
  if (schema == trace_schema)
    return caf::none;
  auto found = schema.empty() ? std::string{"no schema (attributes.schema)"}
                              : "unknown trace schema '" + schema + "'";
  return make_error(errc::invalid_input,
                    found + "; this troupe reads '" + std::string{trace_schema} + "'");
}

} // namespace

trace_builder::trace_builder(std::string name) {
  trace_.file = std::move(name);
}

caf::error trace_builder::add(std::size_t line, std::string text, bool* cut) {
  auto parsed = parse_line(text);
  if (cut != nullptr)
    *cut = parsed.cut;
  if (!parsed.problem.empty())
    return line_error(trace_.file, line, parsed.problem);
  auto event = from_json(parsed.object);
  if (!event)
    return line_error(trace_.file, line, describe(event.error()));
  if (event->kind == "run_start") {
    if (auto err = check_schema(*event))
      return line_error(trace_.file, line, describe(err));
    ++runs_; // an appended file: keep the last run
    trace_.events.clear();
  } else if (trace_.events.empty()) {
    return line_error(trace_.file, line,
                      "a trace starts with a run_start event, this one with '" +
                          event->kind + "'");
  }
  trace_.events.push_back({line, std::move(*event), std::move(text)});
  return caf::none;
}

void trace_builder::warn(std::string text) {
  trace_.warnings.push_back(std::move(text));
}

caf::expected<recorded_trace> trace_builder::finish() {
  if (trace_.events.empty())
    return make_error(errc::invalid_input, trace_.file + " holds no trace events");
  if (runs_ > 1)
    warn(trace_.file + " holds " + std::to_string(runs_) +
         " runs (its folder was used again); showing the last, run " +
         trace_.events.front().event.run_id + " from line " +
         std::to_string(trace_.events.front().line));
  return std::move(trace_);
}

} // namespace troupe

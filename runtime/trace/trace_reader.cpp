#include "runtime/trace/trace_reader.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"
#include "runtime/text/ascii_text.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace troupe {

namespace {

enum class line_end { newline, end_of_input, too_long };

/// Reads up to the next newline, holding at most `max` bytes of the line.
line_end next_line(std::streambuf& in, std::string& line, std::size_t max) {
  using traits = std::char_traits<char>;
  line.clear();
  for (;;) {
    auto c = in.sbumpc();
    if (traits::eq_int_type(c, traits::eof()))
      return line_end::end_of_input;
    if (c == '\n')
      return line_end::newline;
    if (line.size() == max)
      return line_end::too_long;
    line.push_back(traits::to_char_type(c));
  }
}

/// One line parsed: its object, or what is wrong with it. `cut` marks text
/// that is the beginning of a JSON value, as a line the writer never
/// finished is.
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

/// Collects the events line by line; one run at a time.
class trace_builder {
public:
  explicit trace_builder(const std::string& name) { trace_.file = name; }

  caf::error add(std::size_t line, std::string text, boost::json::object object) {
    auto event = from_json(object);
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

  void warn(std::string text) { trace_.warnings.push_back(std::move(text)); }

  caf::expected<recorded_trace> finish() {
    if (trace_.events.empty())
      return make_error(errc::invalid_input, trace_.file + " holds no trace events");
    if (runs_ > 1)
      warn(trace_.file + " holds " + std::to_string(runs_) +
           " runs (its folder was used again); showing the last, run " +
           trace_.events.front().event.run_id + " from line " +
           std::to_string(trace_.events.front().line));
    return std::move(trace_);
  }

private:
  recorded_trace trace_;
  int runs_ = 0;
};

} // namespace

caf::expected<recorded_trace> read_trace(std::istream& in, const std::string& name,
                                         std::size_t max_line_bytes) {
  trace_builder builder{name};
  std::string text;
  std::size_t line = 0;
  for (bool more = true; more;) {
    auto end = next_line(*in.rdbuf(), text, max_line_bytes);
    more = end == line_end::newline;
    if (end == line_end::end_of_input && text.empty())
      break;
    ++line;
    if (end == line_end::too_long)
      return line_error(name, line,
                        "longer than " + std::to_string(max_line_bytes) +
                            " bytes; this is not a Troupe trace");
    if (trim(text).empty())
      continue;
    auto parsed = parse_line(text);
    if (parsed.cut && !more) {
      builder.warn(name + ": line " + std::to_string(line) +
                   " is cut off (the run was killed while writing?); read the " +
                   std::to_string(line - 1) + " lines before it");
      break;
    }
    if (!parsed.problem.empty())
      return line_error(name, line, parsed.problem);
    if (auto err = builder.add(line, std::move(text), std::move(parsed.object)))
      return err;
  }
  return builder.finish();
}

caf::expected<recorded_trace> read_trace_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto file =
      fs::is_directory(path, ec) ? (fs::path{path} / "trace.jsonl").string() : path;
  std::ifstream in{file, std::ios::binary};
  if (!in)
    return make_error(errc::invalid_input,
                      "cannot read trace file " + file + ": " + std::strerror(errno));
  return read_trace(in, file);
}

} // namespace troupe

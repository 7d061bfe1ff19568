#include "runtime/trace/trace_reader.hpp"

#include "runtime/errors.hpp"
#include "runtime/text/ascii_text.hpp"
#include "runtime/trace/trace_builder.hpp"

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
      return line_too_long(name, line, max_line_bytes);
    if (trim(text).empty())
      continue;
    bool cut = false;
    auto err = builder.add(line, std::move(text), &cut);
    if (err && cut && !more) {
      builder.warn(name + ": line " + std::to_string(line) +
                   " is cut off (the run was killed while writing?); read the " +
                   std::to_string(line - 1) + " lines before it");
      break;
    }
    if (err)
      return err;
  }
  return builder.finish();
}

caf::error line_too_long(const std::string& name, std::size_t line,
                         std::size_t max_line_bytes) {
  return make_error(errc::invalid_input, name + ":" + std::to_string(line) +
                                             ": longer than " +
                                             std::to_string(max_line_bytes) +
                                             " bytes; this is not a Troupe trace");
}

std::string trace_file_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  return fs::is_directory(path, ec) ? (fs::path{path} / "trace.jsonl").string() : path;
}

caf::expected<recorded_trace> read_trace_file(const std::string& path) {
  auto file = trace_file_path(path);
  std::ifstream in{file, std::ios::binary};
  if (!in)
    return make_error(errc::invalid_input,
                      "cannot read trace file " + file + ": " + std::strerror(errno));
  return read_trace(in, file);
}

} // namespace troupe

#include "tools/folder_reader.hpp"

#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <variant>

namespace troupe {

namespace fs = std::filesystem;

namespace {

std::size_t line_of(std::string_view text, std::size_t offset) {
  auto before = text.substr(0, std::min(offset, text.size()));
  return static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
}

/// The 1-based column of byte `offset` in its line, counting characters as
/// an editor does.
std::size_t column_of(std::string_view text, std::size_t offset) {
  auto before = text.substr(0, std::min(offset, text.size()));
  auto line_start = before.rfind('\n');
  auto in_line = before.substr(line_start == std::string_view::npos ? 0 : line_start + 1);
  // Continuation bytes (10xxxxxx) do not start a character.
  return static_cast<std::size_t>(std::count_if(
             in_line.begin(), in_line.end(),
             [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; })) +
         1;
}

/// What makes a text invalid JSON, and the byte where the parser stopped.
struct json_fault {
  std::string what;
  std::size_t offset = 0;
};

/// `text` parsed as exactly one JSON value.
std::variant<boost::json::value, json_fault> parse_one(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return json_fault{"no JSON value", 0};
  boost::json::parser parser;
  boost::json::error_code ec;
  auto consumed = parser.write(text.data(), text.size(), ec);
  if (!ec)
    return parser.release();
  if (ec == boost::json::error::incomplete)
    return json_fault{"the JSON ends too early", consumed};
  if (ec == boost::json::error::extra_data)
    return json_fault{"unexpected text after the JSON value", consumed};
  return json_fault{ec.message(), consumed};
}

/// Up to `limit` bytes of `in`; `expected`, the size when known, saves
/// growing the string.
std::string read_at_most(std::istream& in, std::size_t limit, std::uintmax_t expected) {
  std::string text;
  text.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(expected, limit)));
  std::array<char, 64 * 1024> chunk{};
  while (text.size() < limit) {
    in.read(chunk.data(),
            static_cast<std::streamsize>(std::min(chunk.size(), limit - text.size())));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (!in)
      break;
  }
  return text;
}

bool has_extension(const fs::path& file, const std::string& ext) {
  auto actual = file.extension().string();
  std::transform(actual.begin(), actual.end(), actual.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return actual == ext;
}

/// Whether `path` is `root` or inside it; both have their links resolved.
bool is_within(const fs::path& path, const fs::path& root) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first ==
         root.end();
}

std::string mebibytes(std::uintmax_t bytes) {
  auto tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

} // namespace

folder_reader::folder_reader(fs::path root, bool quote_names)
    : root_(std::move(root)), quote_names_(quote_names) {}

caf::expected<folder_reader> folder_reader::open(const fs::path& dir, bool quote_names) {
  std::error_code ec;
  auto root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root, ec))
    return make_error(errc::tool_failed, "'" + dir.string() +
                                             "' is not a folder; the files tool "
                                             "reads the files of one folder");
  return folder_reader{std::move(root), quote_names};
}

caf::error folder_reader::fault(errc code, const std::string& name,
                                const std::string& what) const {
  if (quote_names_)
    return make_error(code, "'" + name + "' " + what);
  return make_error(code, "the file asked for " + what +
                              " (its name is left out: the run records no content)");
}

caf::expected<folder_file> folder_reader::read(const std::string& name) const {
  auto file = locate(name);
  if (!file)
    return file.error();
  auto text = read_text(name, *file);
  if (!text)
    return text.error();
  folder_file result{name, std::move(*text), std::nullopt};
  // By the name asked for, not by where a link leads.
  fs::path asked{name};
  if (has_extension(asked, ".json") || has_extension(asked, ".jsonl")) {
    auto json = has_extension(asked, ".json") ? parse_json(name, result.text)
                                              : parse_json_lines(name, result.text);
    if (!json)
      return json.error();
    result.json = std::move(*json);
  }
  return result;
}

caf::expected<fs::path> folder_reader::locate(const std::string& name) const {
  auto folder = "folder " + root_.string();
  if (name.empty())
    return make_error(errc::invalid_input,
                      "no file name given; name a file in " + folder);
  fs::path relative{name};
  if (relative.has_root_path())
    return fault(errc::invalid_input, name,
                 "is an absolute path; name the file by its path inside " + folder);
  relative = relative.lexically_normal();
  if (relative.empty() || *relative.begin() == "..")
    return fault(errc::invalid_input, name,
                 "leads outside " + folder + "; name a file by its path inside it");
  std::error_code ec;
  auto real = fs::canonical(root_ / relative, ec);
  if (ec) {
    // A dangling link exists but does not resolve.
    std::error_code status_ec;
    if (!fs::exists(fs::symlink_status(root_ / relative, status_ec)))
      return fault(errc::tool_failed, name, "does not exist in " + folder);
    return fault(errc::tool_failed, name,
                 "in " + folder + " cannot be resolved: " + ec.message());
  }
  // Checked on the resolved path: a link inside the folder may point anywhere.
  if (!is_within(real, root_))
    return fault(errc::invalid_input, name,
                 "leads through a symbolic link to a place outside " + folder +
                     "; only files inside the folder can be read");
  if (fs::is_directory(real, ec))
    return fault(errc::tool_failed, name, "in " + folder + " is a folder, not a file");
  if (!fs::is_regular_file(real, ec))
    return fault(errc::tool_failed, name, "in " + folder + " is not a regular file");
  return real;
}

caf::expected<std::string> folder_reader::read_text(const std::string& name,
                                                    const fs::path& file) const {
  auto in_folder = "in folder " + root_.string();
  auto too_large = [&](std::uintmax_t bytes) {
    return fault(errc::tool_failed, name,
                 in_folder + " is " + mebibytes(bytes) +
                     "; the files tool reads files of at most 4 MiB");
  };
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (!ec && size > max_file_bytes)
    return too_large(size);
  std::ifstream in{file, std::ios::binary};
  if (!in)
    return fault(errc::tool_failed, name,
                 in_folder + " cannot be read: " + std::strerror(errno));
  // One byte past the limit: the file may have grown since its size was taken.
  auto text = read_at_most(in, max_file_bytes + 1, ec ? 0 : size);
  if (in.bad())
    return fault(errc::tool_failed, name, in_folder + " cannot be read: a read error");
  if (text.size() > max_file_bytes)
    return too_large(text.size());
  if (auto nul = text.find('\0'); nul != std::string::npos)
    return fault(errc::tool_failed, name,
                 in_folder + " is a binary file (a NUL byte on line " +
                     std::to_string(line_of(text, nul)) +
                     "); the files tool reads UTF-8 text only");
  if (auto bad = utf8_invalid_offset(text); bad != std::string::npos)
    return fault(errc::tool_failed, name,
                 in_folder + " is not UTF-8 text (an invalid byte on line " +
                     std::to_string(line_of(text, bad)) +
                     "); the files tool reads UTF-8 text only: convert the file");
  return text;
}

caf::expected<boost::json::value>
folder_reader::parse_json(const std::string& name, const std::string& text) const {
  auto parsed = parse_one(text);
  if (auto* value = std::get_if<boost::json::value>(&parsed))
    return std::move(*value);
  const auto& fault_at = std::get<json_fault>(parsed);
  return fault(errc::tool_failed, name,
               "in folder " + root_.string() + " is not valid JSON: " + fault_at.what +
                   " at line " + std::to_string(line_of(text, fault_at.offset)) +
                   ", column " + std::to_string(column_of(text, fault_at.offset)));
}

caf::expected<boost::json::value>
folder_reader::parse_json_lines(const std::string& name, const std::string& text) const {
  boost::json::array records;
  std::size_t start = 0;
  for (std::size_t line = 1; start < text.size(); ++line) {
    auto end = std::min(text.find('\n', start), text.size());
    std::string_view content{text.data() + start, end - start};
    start = end + 1;
    // Blank lines, a trailing newline among them, hold no record.
    if (content.find_first_not_of(" \t\r") == std::string_view::npos)
      continue;
    auto parsed = parse_one(content);
    if (auto* value = std::get_if<boost::json::value>(&parsed)) {
      records.push_back(std::move(*value));
      continue;
    }
    const auto& fault_at = std::get<json_fault>(parsed);
    return fault(errc::tool_failed, name,
                 "in folder " + root_.string() + " is not valid JSON Lines: " +
                     fault_at.what + " at line " + std::to_string(line) + ", column " +
                     std::to_string(column_of(content, fault_at.offset)));
  }
  return boost::json::value(std::move(records));
}

} // namespace troupe

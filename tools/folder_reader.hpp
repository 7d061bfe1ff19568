#pragma once

#include "runtime/errors.hpp"
#include "tools/folder_file.hpp"

#include <caf/expected.hpp>
#include <cstdint>
#include <filesystem>
#include <string>

namespace troupe {

/// Reads text files by name from one folder, for the files tool. A name can
/// only reach files inside the folder: absolute names, `..` escapes and
/// symbolic links that resolve outside are refused. Only text comes back: a
/// file over `max_file_bytes`, with a NUL byte or with invalid UTF-8 is an
/// error, as is a .json or .jsonl file that does not parse.
class folder_reader {
public:
  static constexpr std::uintmax_t max_file_bytes = 4 * 1024 * 1024;

  /// A reader of the folder at `dir`; fails when `dir` is no folder. With
  /// `quote_names` false, errors say "a file" instead of the file's name:
  /// for runs whose trace must not record what was asked for.
  static caf::expected<folder_reader> open(const std::filesystem::path& dir,
                                           bool quote_names = true);

  /// The file `name`, a path relative to the folder. Errors name the file
  /// and the folder: invalid_input for a name that leads outside it,
  /// tool_failed for a file that is missing, too large, binary, unreadable
  /// or invalid JSON.
  caf::expected<folder_file> read(const std::string& name) const;

  /// The folder, with symbolic links resolved.
  const std::filesystem::path& root() const { return root_; }

private:
  folder_reader(std::filesystem::path root, bool quote_names);

  /// The real path of `name`: inside the folder, a regular file.
  caf::expected<std::filesystem::path> locate(const std::string& name) const;
  caf::expected<std::string> read_text(const std::string& name,
                                       const std::filesystem::path& file) const;
  caf::expected<boost::json::value> parse_json(const std::string& name,
                                               const std::string& text) const;
  caf::expected<boost::json::value> parse_json_lines(const std::string& name,
                                                     const std::string& text) const;

  /// An error about file `name`: "'NAME' WHAT", where WHAT says what is
  /// wrong and names the folder.
  caf::error fault(errc code, const std::string& name, const std::string& what) const;

  std::filesystem::path root_;
  bool quote_names_;
};

} // namespace troupe

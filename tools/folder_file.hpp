#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

namespace troupe {

/// A text file read from a files tool's folder.
struct folder_file {
  std::string name; // as it was asked for, relative to the folder
  std::string text; // valid UTF-8
  /// .json files: the parsed value; .jsonl files: the array of their parsed
  /// lines; other files: nothing.
  std::optional<boost::json::value> json;
};

} // namespace troupe

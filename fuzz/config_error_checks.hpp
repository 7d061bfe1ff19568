#pragma once

// The properties every rejection of a configuration file (scenario,
// providers) must have, shared by their fuzz targets.

#include "fuzz/fuzz_property.hpp"
#include "runtime/scenario/config_error.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace troupe::fuzz {

/// Checks that every error of `errors`, found in `text` read as `file`,
/// names the file, has a message in valid UTF-8 and a place inside the
/// text (or none), and that they come in file order.
inline void check_config_errors(const std::vector<config_error>& errors,
                                const std::string& text, const std::string& file) {
  std::vector<std::size_t> line_bytes{0};
  for (char c : text)
    c == '\n' ? line_bytes.push_back(0) : void(++line_bytes.back());
  int last_line = 0;
  for (const auto& e : errors) {
    auto rendered = e.to_string();
    require(e.file == file, "every error names the file", rendered);
    require(!e.message.empty(), "every error has a message", rendered);
    require(valid_utf8(rendered), "errors are valid UTF-8", rendered);
    require(e.line >= 0 && e.line <= static_cast<int>(line_bytes.size()),
            "an error's line is in the file", rendered);
    if (e.line == 0)
      continue;
    auto width = line_bytes[static_cast<std::size_t>(e.line - 1)];
    require(e.column >= 1 && static_cast<std::size_t>(e.column) <= width + 1,
            "an error's column is in its line", rendered);
    require(e.line >= last_line, "errors come in file order", rendered);
    last_line = e.line;
  }
}

} // namespace troupe::fuzz

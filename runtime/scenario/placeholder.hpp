#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// A `{{name}}` inside a string, found the way prompt_template and the
/// orchestrator find them, but with its offset so errors can point at it.
struct placeholder {
  size_t offset = 0; // of the opening "{{", in bytes
  size_t end = 0;    // one past the closing "}}"; the text's size when unclosed
  std::string name;  // trimmed text between the braces
  bool closed = true;

  /// Every placeholder of `text` in order. An unclosed "{{" ends the list as
  /// a placeholder with `closed == false`.
  static std::vector<placeholder> scan(std::string_view text);
};

} // namespace troupe

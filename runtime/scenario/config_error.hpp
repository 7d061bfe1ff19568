#pragma once

#include <string>

namespace troupe {

/// A problem found in a configuration file (scenario, providers): where it
/// is and what to do about it. Renders as `file:line:col: message` followed
/// by an indented `hint:` line when there is a hint.
struct config_error {
  std::string file;
  int line = 0;   // 1-based; 0 when the place is unknown
  int column = 0; // 1-based
  std::string message;
  std::string hint;

  std::string to_string() const;
};

} // namespace troupe

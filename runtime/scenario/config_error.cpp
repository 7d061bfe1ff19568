#include "runtime/scenario/config_error.hpp"

namespace troupe {

std::string config_error::to_string() const {
  std::string out = file;
  if (line > 0)
    out += ':' + std::to_string(line) + ':' + std::to_string(column);
  out += ": " + message;
  if (!hint.empty())
    out += "\n  hint: " + hint;
  return out;
}

} // namespace troupe

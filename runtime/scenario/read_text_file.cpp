#include "runtime/scenario/read_text_file.hpp"

#include <fstream>
#include <sstream>

namespace troupe {

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::error_code ec;
  // A folder opens fine as a stream on POSIX and only fails on reading.
  if (!std::filesystem::is_regular_file(path, ec))
    return std::nullopt;
  std::ifstream in{path, std::ios::binary};
  if (!in)
    return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad())
    return std::nullopt;
  return content.str();
}

} // namespace troupe

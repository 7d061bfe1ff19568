#include "runtime/scenario/reference.hpp"

namespace troupe {

std::optional<reference> reference::parse(std::string_view text) {
  reference result;
  result.text = std::string{text};
  size_t start = 0;
  for (;;) {
    auto dot = text.find('.', start);
    auto segment = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (segment.empty())
      return std::nullopt;
    if (start == 0)
      result.root = std::string{segment};
    else
      result.fields.emplace_back(segment);
    if (dot == std::string_view::npos)
      return result;
    start = dot + 1;
  }
}

} // namespace troupe

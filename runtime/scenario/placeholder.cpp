#include "runtime/scenario/placeholder.hpp"

#include "runtime/text/ascii_text.hpp"

namespace troupe {

std::vector<placeholder> placeholder::scan(std::string_view text) {
  std::vector<placeholder> result;
  auto open = text.find("{{");
  while (open != std::string_view::npos) {
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      result.push_back({open, text.size(), {}, false});
      break;
    }
    result.push_back({open, close + 2,
                      std::string{trim(text.substr(open + 2, close - open - 2))}, true});
    open = text.find("{{", close + 2);
  }
  return result;
}

} // namespace troupe

#include "runtime/scenario/prompt_template.hpp"

#include "runtime/scenario/content_hash.hpp"
#include "runtime/scenario/placeholder.hpp"

#include <algorithm>
#include <caf/sec.hpp>

namespace troupe {

caf::expected<prompt_template> prompt_template::parse(std::string text,
                                                      std::string version) {
  prompt_template result;
  size_t pos = 0;
  for (auto& p : placeholder::scan(text)) {
    if (!p.closed)
      return caf::make_error(caf::sec::invalid_argument,
                             "unclosed '{{' at offset " + std::to_string(p.offset));
    if (p.name.empty())
      return caf::make_error(caf::sec::invalid_argument,
                             "empty placeholder '{{}}' at offset " +
                                 std::to_string(p.offset));
    if (p.offset > pos)
      result.pieces_.push_back({false, text.substr(pos, p.offset - pos)});
    pos = p.end;
    if (std::find(result.variables_.begin(), result.variables_.end(), p.name) ==
        result.variables_.end())
      result.variables_.push_back(p.name);
    result.pieces_.push_back({true, std::move(p.name)});
  }
  if (pos < text.size())
    result.pieces_.push_back({false, text.substr(pos)});
  result.hash_ = content_hash(text);
  result.text_ = std::move(text);
  result.version_ = std::move(version);
  return result;
}

caf::expected<std::string> prompt_template::render(const lookup& vars) const {
  std::string out;
  out.reserve(text_.size());
  for (const auto& p : pieces_) {
    if (!p.is_variable) {
      out += p.value;
      continue;
    }
    auto value = vars(p.value);
    if (!value)
      return caf::make_error(caf::sec::invalid_argument,
                             "prompt variable '" + p.value + "' has no value");
    out += *value;
  }
  return out;
}

} // namespace troupe

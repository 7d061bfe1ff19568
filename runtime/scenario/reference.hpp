#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// A dotted path to a value of a run: `inputs.question`, `search.sources.0`,
/// `item.text`, `loop.query`. The root says where to look; the fields walk
/// into the JSON found there.
struct reference {
  std::string text;
  std::string root;
  std::vector<std::string> fields;

  /// Splits `text` at dots; nothing when it is empty or has an empty segment.
  static std::optional<reference> parse(std::string_view text);
};

} // namespace troupe

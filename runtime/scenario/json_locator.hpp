#pragma once

#include "runtime/scenario/text_position.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace troupe {

/// Maps JSON pointers ("/flow/2/agent") to where their value and key start
/// in the source text, so configuration errors can name line:col. Boost.JSON
/// keeps no positions, hence this second, lenient scan over the same text.
/// Accepts what the scenario parser accepts: `//` and `/* */` comments and
/// trailing commas. On a duplicate key the last occurrence wins, as in
/// Boost.JSON's parse.
class json_locator {
public:
  explicit json_locator(std::string text);

  /// Where the value at `pointer` starts; nothing for an unknown pointer.
  std::optional<text_position> value_at(std::string_view pointer) const;

  /// Where the key of the member at `pointer` starts; nothing for the root,
  /// array elements and unknown pointers.
  std::optional<text_position> key_at(std::string_view pointer) const;

  /// Where the character at `offset` (in bytes of the decoded string) of the
  /// string value at `pointer` is written, escapes taken into account.
  std::optional<text_position> in_string(std::string_view pointer, size_t offset) const;

  /// Line and column of byte `offset` of the text.
  text_position position_of(size_t offset) const;

  /// The first offset at or after `offset` that is not blank or comment.
  size_t skip_blanks(size_t offset) const;

  /// Pointers of members whose key already appeared in the same object.
  const std::vector<std::string>& duplicate_keys() const noexcept { return duplicates_; }

  /// The pointer of member `key` of the object at `pointer`.
  static std::string child(std::string_view pointer, std::string_view key);

  /// The pointer of element `index` of the array at `pointer`.
  static std::string child(std::string_view pointer, size_t index);

private:
  static constexpr size_t npos = std::string::npos;

  struct place {
    size_t value = npos;
    size_t key = npos;
  };

  bool scan_value(size_t& pos, const std::string& pointer, size_t key, int depth);
  bool scan_object(size_t& pos, const std::string& pointer, int depth);
  bool scan_array(size_t& pos, const std::string& pointer, int depth);
  bool scan_string(size_t& pos, std::string* decoded) const;
  bool scan_scalar(size_t& pos) const;
  void index_lines();

  std::string text_;
  std::vector<size_t> line_starts_;
  std::unordered_map<std::string, place> places_;
  std::vector<std::string> duplicates_;
};

} // namespace troupe

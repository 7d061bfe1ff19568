#include "runtime/scenario/json_locator.hpp"

#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace troupe {

namespace {

// Deeper than Boost.JSON's default max_depth, so every text it accepts is
// scanned whole, while a hostile text cannot exhaust the stack.
constexpr int max_depth = 64;

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool ends_scalar(char c) {
  return is_blank(c) || c == ',' || c == ']' || c == '}' || c == '/';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/// The code unit of the `\uXXXX` at `pos`, or -1 when it is not one.
long utf16_unit(std::string_view text, size_t pos) {
  if (pos + 6 > text.size() || text[pos] != '\\' || text[pos + 1] != 'u')
    return -1;
  long unit = 0;
  for (size_t i = pos + 2; i < pos + 6; ++i) {
    auto digit = hex_digit(text[i]);
    if (digit < 0)
      return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

/// Decodes the `\u` escape at `pos` (a surrogate pair counts as one) into
/// `out`; returns how many characters of `text` it spans.
size_t decode_unicode(std::string_view text, size_t pos, std::string& out) {
  auto unit = utf16_unit(text, pos);
  if (unit < 0) {
    out += 'u';
    return 2;
  }
  auto low = utf16_unit(text, pos + 6);
  if (unit >= 0xD800 && unit < 0xDC00 && low >= 0xDC00 && low < 0xE000) {
    utf8_append(
        out, static_cast<char32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
    return 12;
  }
  utf8_append(out, static_cast<char32_t>(unit));
  return 6;
}

/// Decodes the escape sequence starting with the backslash at `pos` into
/// `out`; returns how many characters of `text` it spans.
size_t decode_escape(std::string_view text, size_t pos, std::string& out) {
  if (pos + 1 >= text.size())
    return 1;
  switch (text[pos + 1]) {
  case 'u':
    return decode_unicode(text, pos, out);
  case 'n':
    out += '\n';
    break;
  case 't':
    out += '\t';
    break;
  case 'r':
    out += '\r';
    break;
  case 'b':
    out += '\b';
    break;
  case 'f':
    out += '\f';
    break;
  default: // '"', '\\' and '/' stand for themselves
    out += text[pos + 1];
  }
  return 2;
}

/// Escapes a key as a JSON pointer reference token (RFC 6901).
std::string escape_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

} // namespace

json_locator::json_locator(std::string text) : text_(std::move(text)) {
  index_lines();
  auto pos = skip_blanks(0);
  scan_value(pos, "", npos, 0);
}

void json_locator::index_lines() {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n')
      line_starts_.push_back(i + 1);
}

std::optional<text_position> json_locator::value_at(std::string_view pointer) const {
  auto i = places_.find(std::string{pointer});
  if (i == places_.end())
    return std::nullopt;
  return position_of(i->second.value);
}

std::optional<text_position> json_locator::key_at(std::string_view pointer) const {
  auto i = places_.find(std::string{pointer});
  if (i == places_.end() || i->second.key == npos)
    return std::nullopt;
  return position_of(i->second.key);
}

std::optional<text_position> json_locator::in_string(std::string_view pointer,
                                                     size_t offset) const {
  auto i = places_.find(std::string{pointer});
  if (i == places_.end() || text_[i->second.value] != '"')
    return std::nullopt;
  auto pos = i->second.value + 1;
  std::string decoded;
  while (pos < text_.size() && text_[pos] != '"' && decoded.size() < offset) {
    if (text_[pos] == '\\')
      pos += decode_escape(text_, pos, decoded);
    else
      decoded += text_[pos++];
  }
  return position_of(pos);
}

text_position json_locator::position_of(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line_start = *(next - 1);
  // UTF-8 continuation bytes do not start a character, so they add no column.
  auto column = 1 + std::count_if(text_.begin() + static_cast<long>(line_start),
                                  text_.begin() + static_cast<long>(offset),
                                  [](char c) { return (c & 0xC0) != 0x80; });
  return {static_cast<int>(next - line_starts_.begin()), static_cast<int>(column)};
}

size_t json_locator::skip_blanks(size_t pos) const {
  while (pos < text_.size()) {
    if (is_blank(text_[pos])) {
      ++pos;
    } else if (text_.compare(pos, 2, "//") == 0) {
      pos = std::min(text_.find('\n', pos), text_.size());
    } else if (text_.compare(pos, 2, "/*") == 0) {
      auto end = text_.find("*/", pos + 2);
      pos = end == npos ? text_.size() : end + 2;
    } else {
      break;
    }
  }
  return pos;
}

std::string json_locator::child(std::string_view pointer, std::string_view key) {
  return std::string{pointer} + '/' + escape_token(key);
}

std::string json_locator::child(std::string_view pointer, size_t index) {
  return std::string{pointer} + '/' + std::to_string(index);
}

bool json_locator::scan_value(size_t& pos, const std::string& pointer, size_t key,
                              int depth) {
  if (pos >= text_.size() || depth > max_depth)
    return false;
  places_[pointer] = {pos, key};
  switch (text_[pos]) {
  case '{':
    return scan_object(pos, pointer, depth);
  case '[':
    return scan_array(pos, pointer, depth);
  case '"':
    return scan_string(pos, nullptr);
  default:
    return scan_scalar(pos);
  }
}

bool json_locator::scan_object(size_t& pos, const std::string& pointer, int depth) {
  std::vector<std::string> seen;
  pos = skip_blanks(pos + 1);
  while (pos < text_.size() && text_[pos] == '"') {
    auto key_pos = pos;
    std::string key;
    if (!scan_string(pos, &key))
      return false;
    pos = skip_blanks(pos);
    if (pos >= text_.size() || text_[pos] != ':')
      return false;
    pos = skip_blanks(pos + 1);
    auto member = child(pointer, key);
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      duplicates_.push_back(member);
    seen.push_back(key);
    if (!scan_value(pos, member, key_pos, depth + 1))
      return false;
    pos = skip_blanks(pos);
    if (pos < text_.size() && text_[pos] == ',')
      pos = skip_blanks(pos + 1);
  }
  if (pos >= text_.size() || text_[pos] != '}')
    return false;
  ++pos;
  return true;
}

bool json_locator::scan_array(size_t& pos, const std::string& pointer, int depth) {
  pos = skip_blanks(pos + 1);
  for (size_t index = 0; pos < text_.size() && text_[pos] != ']'; ++index) {
    if (!scan_value(pos, child(pointer, index), npos, depth + 1))
      return false;
    pos = skip_blanks(pos);
    if (pos < text_.size() && text_[pos] == ',')
      pos = skip_blanks(pos + 1);
  }
  if (pos >= text_.size())
    return false;
  ++pos;
  return true;
}

bool json_locator::scan_string(size_t& pos, std::string* decoded) const {
  std::string scratch;
  auto& out = decoded != nullptr ? *decoded : scratch;
  for (++pos; pos < text_.size();) {
    if (text_[pos] == '"') {
      ++pos;
      return true;
    }
    if (text_[pos] == '\\')
      pos += decode_escape(text_, pos, out);
    else
      out += text_[pos++];
  }
  return false;
}

bool json_locator::scan_scalar(size_t& pos) const {
  auto start = pos;
  while (pos < text_.size() && !ends_scalar(text_[pos]))
    ++pos;
  return pos > start; // no progress means malformed text: stop scanning
}

} // namespace troupe

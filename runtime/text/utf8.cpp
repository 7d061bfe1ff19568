#include "runtime/text/utf8.hpp"

#include <algorithm>

namespace troupe {

namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

unsigned char byte_at(std::string_view text, std::size_t pos) {
  return static_cast<unsigned char>(text[pos]);
}

/// Size of the well-formed sequence starting at `pos`, or 0 when malformed.
/// The ranges follow RFC 3629 table 3-7, which rules out overlong forms and
/// surrogates by narrowing the allowed second byte.
std::size_t sequence_length(std::string_view text, std::size_t pos) {
  auto lead = byte_at(text, pos);
  if (lead < 0x80)
    return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;
    high = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (pos + length > text.size())
    return 0;
  auto second = byte_at(text, pos + 1);
  if (second < low || second > high)
    return 0;
  for (std::size_t i = 2; i < length; ++i)
    if ((byte_at(text, pos + i) & 0xC0) != 0x80)
      return 0;
  return length;
}

} // namespace

std::string utf8_sanitize(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto length = sequence_length(text, pos);
    if (length == 0) {
      clean += replacement_character;
      ++pos;
    } else {
      clean.append(text.substr(pos, length));
      pos += length;
    }
  }
  return clean;
}

std::size_t utf8_invalid_offset(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto length = sequence_length(text, pos);
    if (length == 0)
      return pos;
    pos += length;
  }
  return std::string_view::npos;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes)
    return text;
  auto cut = max_bytes;
  while (cut > 0 && (byte_at(text, cut) & 0xC0) == 0x80)
    --cut;
  return text.substr(0, cut);
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count)
    pos += std::max<std::size_t>(sequence_length(text, pos), 1);
  return count;
}

std::string_view utf8_first_chars(std::string_view text, std::size_t count) {
  std::size_t pos = 0;
  for (; pos < text.size() && count > 0; --count)
    pos += std::max<std::size_t>(sequence_length(text, pos), 1);
  return text.substr(0, pos);
}

char32_t utf8_decode(std::string_view text, std::size_t pos, std::size_t& length) {
  length = sequence_length(text, pos);
  if (length == 0) {
    length = 1;
    return U'\uFFFD';
  }
  auto lead = byte_at(text, pos);
  if (length == 1)
    return lead;
  // The lead byte keeps 7 - length payload bits; each continuation adds six.
  char32_t code = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i)
    code = (code << 6) | (byte_at(text, pos + i) & 0x3F);
  return code;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

} // namespace troupe

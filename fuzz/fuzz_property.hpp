#pragma once

// What the fuzz targets check beyond crashes and sanitizer reports: a
// property that does not hold is printed and aborts, which libFuzzer reports
// as a crash and saves the input for.

#include "runtime/text/utf8.hpp"

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace troupe::fuzz {

/// Aborts, saying which property failed and on what, unless `holds`.
inline void require(bool holds, const char* property, std::string_view detail = {}) {
  if (holds)
    return;
  std::fprintf(stderr, "fuzz property violated: %s\n  %.*s\n", property,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

/// True when `text` is valid UTF-8.
inline bool valid_utf8(std::string_view text) {
  return utf8_sanitize(text) == text;
}

/// True when `text` moves no cursor and colours nothing: no C0 control but
/// line ends, no DEL, no C1 control (U+0080 to U+009F).
inline bool terminal_safe_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f)
      return false;
    if (c == 0xc2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) < 0xa0)
      return false;
  }
  return true;
}

} // namespace troupe::fuzz

#pragma once

// Byte-level UTF-8 helpers: prompts, corpus files and scenario strings may
// carry any bytes, but everything Troupe writes must be valid UTF-8.

#include <cstddef>
#include <string>
#include <string_view>

namespace troupe {

/// `text` with every malformed UTF-8 sequence (stray continuation bytes,
/// overlong forms, surrogates, truncated characters) replaced by U+FFFD.
std::string utf8_sanitize(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that does not
/// end inside a multibyte character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

/// The code point starting at byte `pos` of `text`; `length` receives its
/// size in bytes. A malformed sequence decodes as U+FFFD of length 1.
char32_t utf8_decode(std::string_view text, std::size_t pos, std::size_t& length);

/// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF) to `out`.
void utf8_append(std::string& out, char32_t cp);

} // namespace troupe

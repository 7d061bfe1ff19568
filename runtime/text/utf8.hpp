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

/// The byte offset of the first malformed UTF-8 sequence in `text`, or
/// std::string_view::npos when all of it is well-formed.
std::size_t utf8_invalid_offset(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that does not
/// end inside a multibyte character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

/// How many characters (code points) `text` holds; a malformed byte counts
/// as one, as utf8_sanitize would replace it by one.
std::size_t utf8_length(std::string_view text);

/// The first `count` characters of `text` (all of it when it is shorter).
std::string_view utf8_first_chars(std::string_view text, std::size_t count);

/// The code point starting at byte `pos` of `text`; `length` receives its
/// size in bytes. A malformed sequence decodes as U+FFFD of length 1.
char32_t utf8_decode(std::string_view text, std::size_t pos, std::size_t& length);

/// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF) to `out`.
void utf8_append(std::string& out, char32_t cp);

} // namespace troupe

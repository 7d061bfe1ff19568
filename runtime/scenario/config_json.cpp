#include "runtime/scenario/config_json.hpp"

#include "runtime/text/utf8.hpp"

#include <cstdio>

namespace troupe {

namespace json = boost::json;

namespace {

config_error syntax_error(const std::string& file, const json_locator& locator,
                          size_t offset, std::string message, std::string hint) {
  auto pos = locator.position_of(offset);
  return {file, pos.line, pos.column, std::move(message), std::move(hint)};
}

/// Whether the bytes at `offset` are no UTF-8 character: where Boost.JSON
/// stops on a file saved in another encoding, with a plain syntax error.
bool malformed_utf8_at(const std::string& text, size_t offset) {
  if (offset >= text.size() || static_cast<unsigned char>(text[offset]) < 0x80)
    return false;
  size_t length = 0;
  return utf8_decode(text, offset, length) == U'\uFFFD' &&
         text.compare(offset, 3, "\xEF\xBF\xBD") != 0;
}

std::string byte_text(char c) {
  char hex[8];
  std::snprintf(hex, sizeof(hex), "0x%02X", static_cast<unsigned char>(c));
  return hex;
}

} // namespace

std::variant<json::value, config_error> parse_config_json(const std::string& text,
                                                          const std::string& file,
                                                          const json_locator& locator,
                                                          const std::string& kind) {
  json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  json::parser parser{json::storage_ptr{}, options};
  json::error_code ec;
  auto consumed = parser.write_some(text.data(), text.size(), ec);
  if (ec == json::error::incomplete && locator.skip_blanks(0) == text.size())
    return syntax_error(file, locator, consumed, "the file holds no JSON",
                        "a " + kind + " file holds exactly one JSON object");
  if (ec == json::error::incomplete)
    return syntax_error(file, locator, consumed, "the JSON ends too early",
                        "look for an unclosed '{', '[', string or comment");
  if (ec == json::error::too_deep)
    return syntax_error(file, locator, consumed,
                        "the JSON nests deeper than " +
                            std::to_string(options.max_depth) + " levels",
                        "a " + kind + " file needs far fewer; look for stray '[' or '{'");
  if (ec && malformed_utf8_at(text, consumed))
    return syntax_error(file, locator, consumed,
                        "the file is not UTF-8 here (byte " + byte_text(text[consumed]) +
                            ")",
                        "save the file as UTF-8");
  if (ec)
    return syntax_error(file, locator, consumed, "invalid JSON: " + ec.message(),
                        "look just before this point for a missing ',' or ':', an "
                        "unquoted key or a stray character");
  auto rest = locator.skip_blanks(consumed);
  if (rest < text.size())
    return syntax_error(file, locator, rest, "unexpected text after the end of the JSON",
                        "a " + kind + " file holds exactly one JSON object");
  return parser.release();
}

} // namespace troupe

#include "runtime/scenario/config_json.hpp"

namespace troupe {

namespace json = boost::json;

namespace {

config_error syntax_error(const std::string& file, const json_locator& locator,
                          size_t offset, std::string message, std::string hint) {
  auto pos = locator.position_of(offset);
  return {file, pos.line, pos.column, std::move(message), std::move(hint)};
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
  if (ec == json::error::incomplete)
    return syntax_error(file, locator, consumed, "the JSON ends too early",
                        "look for an unclosed '{', '[', string or comment");
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

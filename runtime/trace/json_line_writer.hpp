#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace troupe {

/// Writes one JSON object, member by member, onto the end of a string and
/// ends it with a newline: the trace sink's way to write a line without
/// building a JSON object for it. Keys are written as they are (the
/// format's own names need no escaping); strings are escaped as Boost.JSON does
/// (quote, backslash, control characters; other bytes as they are); a
/// number that is not finite becomes null, since no JSON reader takes
/// `Infinity` or `NaN`.
class json_line_writer {
public:
  explicit json_line_writer(std::string& out);

  void text(std::string_view key, std::string_view value);
  void number(std::string_view key, int64_t value);
  void number(std::string_view key, double value);
  void json(std::string_view key, const boost::json::value& value);

  /// Ends the object and the line.
  void close();

private:
  void key(std::string_view name);

  std::string& out_;
  bool first_ = true;
};

/// Appends `value` as a quoted, escaped JSON string.
void append_json_string(std::string& out, std::string_view value);

/// Appends `value` as a JSON number; one that is not finite as null.
void append_json_number(std::string& out, int64_t value);
void append_json_number(std::string& out, double value);

} // namespace troupe

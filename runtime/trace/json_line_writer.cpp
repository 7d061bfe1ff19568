#include "runtime/trace/json_line_writer.hpp"

#include "runtime/text/finite_numbers.hpp"

#include <boost/json/serializer.hpp>
#include <charconv>
#include <cmath>

namespace troupe {

namespace {

/// The escape of a byte below 0x20, or null for one written as it is.
const char* short_escape(char c) {
  switch (c) {
  case '"':
    return "\\\"";
  case '\\':
    return "\\\\";
  case '\b':
    return "\\b";
  case '\f':
    return "\\f";
  case '\n':
    return "\\n";
  case '\r':
    return "\\r";
  case '\t':
    return "\\t";
  default:
    return nullptr;
  }
}

bool needs_escape(char c) {
  return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

void append_escaped(std::string& out, char c) {
  if (const char* esc = short_escape(c)) {
    out += esc;
    return;
  }
  static constexpr char hex[] = "0123456789abcdef";
  auto byte = static_cast<unsigned char>(c);
  out += "\\u00";
  out += hex[byte >> 4];
  out += hex[byte & 0xf];
}

void append_serialized(std::string& out, const boost::json::value& value) {
  boost::json::serializer writer;
  writer.reset(&value);
  char buffer[4096];
  while (!writer.done())
    out += writer.read(buffer, sizeof(buffer));
}

} // namespace

void append_json_string(std::string& out, std::string_view value) {
  out += '"';
  std::size_t run = 0; // start of the bytes not yet copied
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!needs_escape(value[i]))
      continue;
    out.append(value, run, i - run);
    append_escaped(out, value[i]);
    run = i + 1;
  }
  out.append(value, run, value.size() - run);
  out += '"';
}

json_line_writer::json_line_writer(std::string& out) : out_(out) {
  out_ += '{';
}

void append_json_number(std::string& out, int64_t value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof(digits), value).ptr;
  out.append(digits, end);
}

void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char digits[32];
  auto end = std::to_chars(digits, digits + sizeof(digits), value).ptr;
  out.append(digits, end);
}

void json_line_writer::key(std::string_view name) {
  // Keys are the trace format's own names: nothing in them needs escaping.
  out_ += first_ ? "\"" : ",\"";
  first_ = false;
  out_ += name;
  out_ += "\":";
}

void json_line_writer::text(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(out_, value);
}

void json_line_writer::number(std::string_view name, int64_t value) {
  key(name);
  append_json_number(out_, value);
}

void json_line_writer::number(std::string_view name, double value) {
  key(name);
  append_json_number(out_, value);
}

void json_line_writer::json(std::string_view name, const boost::json::value& value) {
  key(name);
  if (!has_non_finite(value)) {
    append_serialized(out_, value);
    return;
  }
  auto finite = value;
  null_non_finite(finite);
  append_serialized(out_, finite);
}

void json_line_writer::close() {
  out_ += "}\n";
}

} // namespace troupe

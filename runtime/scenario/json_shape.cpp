#include "runtime/scenario/json_shape.hpp"

#include "runtime/scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace troupe::json_shape {

namespace json = boost::json;

namespace {

const std::vector<std::string> leaf_types{"string", "number", "integer", "boolean",
                                          "object", "array",  "any"};

/// A field of an object shape: its name without '?', and whether it may be
/// absent.
struct field_key {
  std::string name;
  bool optional = false;
};

field_key split(json::string_view key) {
  bool optional = !key.empty() && key.back() == '?';
  return {std::string{optional ? key.substr(0, key.size() - 1) : key}, optional};
}

/// The field called `name` of the object shape `obj`, written with or
/// without '?'.
const json::key_value_pair* find_field(const json::object& obj, const std::string& name) {
  auto i = std::find_if(obj.begin(), obj.end(), [&](const auto& member) {
    return split(member.key()).name == name;
  });
  return i == obj.end() ? nullptr : &*i;
}

std::string field_path(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

std::string element_path(const std::string& path) {
  return path + "[]";
}

/// The leaf type a shape is an instance of: "object" for object literals,
/// "array" for array literals.
std::string base_type(const json::value& shape) {
  if (shape.is_object())
    return "object";
  if (shape.is_array())
    return "array";
  if (const auto* leaf = shape.if_string())
    return std::string{*leaf};
  return "any";
}

bool is_index(const std::string& field) {
  return !field.empty() && std::all_of(field.begin(), field.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::optional<std::string> object_error(const json::object& obj, const std::string& path);
std::optional<std::string> array_error(const json::array& arr, const std::string& path);

std::string where(const std::string& path) {
  return path.empty() ? "" : " at " + path;
}

std::optional<std::string> error_at(const json::value& shape, const std::string& path) {
  if (const auto* obj = shape.if_object())
    return object_error(*obj, path);
  if (const auto* arr = shape.if_array())
    return array_error(*arr, path);
  const auto* leaf = shape.if_string();
  if (leaf == nullptr)
    return "a shape is a type name, an object or a one-element array, not " +
           json::serialize(shape) + where(path);
  std::string name{*leaf};
  if (std::count(leaf_types.begin(), leaf_types.end(), name) > 0)
    return std::nullopt;
  return "unknown type '" + name + "'" + where(path) + " (" +
         did_you_mean(name, leaf_types, "types") + ")";
}

std::optional<std::string> object_error(const json::object& obj,
                                        const std::string& path) {
  std::vector<std::string> names;
  for (const auto& member : obj) {
    auto key = split(member.key());
    if (key.name.empty())
      return "empty field name" + where(path);
    if (std::count(names.begin(), names.end(), key.name) > 0)
      return "field '" + key.name + "' declared twice" + where(path);
    names.push_back(key.name);
    if (auto error = error_at(member.value(), field_path(path, key.name)))
      return error;
  }
  return std::nullopt;
}

std::optional<std::string> array_error(const json::array& arr, const std::string& path) {
  if (arr.size() != 1)
    return "an array shape has exactly one element, the shape of its elements, not " +
           std::to_string(arr.size()) + where(path);
  return error_at(arr.front(), element_path(path));
}

/// The shape of one step along a reference.
std::optional<json::value> step(const json::value& shape, const std::string& field) {
  if (const auto* obj = shape.if_object()) {
    if (const auto* member = find_field(*obj, field))
      return member->value();
    return std::nullopt;
  }
  if (const auto* arr = shape.if_array()) {
    if (is_index(field))
      return arr->front();
    return std::nullopt;
  }
  auto type = base_type(shape);
  if (type == "any" || type == "object" || (type == "array" && is_index(field)))
    return json::value("any");
  return std::nullopt;
}

/// The one shape of all `shapes`, or "array" when they differ or are none.
json::value element_shape(const std::vector<json::value>& shapes) {
  if (shapes.empty() ||
      std::any_of(shapes.begin(), shapes.end(),
                  [&](const json::value& s) { return s != shapes.front(); }))
    return "array";
  return json::array{shapes.front()};
}

bool fits(const std::string& produced, const std::string& expected) {
  return produced == expected || (produced == "integer" && expected == "number");
}

void compare_into(const json::value& produced, const json::value& expected,
                  const std::string& path, std::vector<problem>& out);

void compare_field(const json::object& produced, const json::key_value_pair& wanted,
                   const std::string& path, std::vector<problem>& out) {
  auto key = split(wanted.key());
  auto here = field_path(path, key.name);
  const auto* given = find_field(produced, key.name);
  if (given == nullptr) {
    if (!key.optional)
      out.push_back({problem::kind::missing_field,
                     here,
                     "missing field '" + key.name + "'",
                     key.name,
                     {},
                     {}});
    return;
  }
  if (!key.optional && split(given->key()).optional)
    out.push_back({problem::kind::optional_field,
                   here,
                   "field '" + key.name + "' may be missing",
                   key.name,
                   {},
                   {}});
  compare_into(given->value(), wanted.value(), here, out);
}

void compare_into(const json::value& produced, const json::value& expected,
                  const std::string& path, std::vector<problem>& out) {
  auto have = base_type(produced);
  auto want = base_type(expected);
  if (have == "any" || want == "any")
    return;
  if (!fits(have, want)) {
    auto is = describe(produced);
    auto should = describe(expected);
    out.push_back({problem::kind::wrong_type,
                   path,
                   "is " + is + ", expected " + should,
                   {},
                   is,
                   should});
    return;
  }
  // "object" and "array" say nothing about fields or elements: unknown, so fine.
  if (produced.is_object() && expected.is_object()) {
    for (const auto& wanted : expected.get_object())
      compare_field(produced.get_object(), wanted, path, out);
  } else if (produced.is_array() && expected.is_array()) {
    compare_into(produced.get_array().front(), expected.get_array().front(),
                 element_path(path), out);
  }
}

std::string plural(const json::value& shape) {
  auto type = base_type(shape);
  return type == "any" ? "values" : type + "s";
}

void write(const json::value& shape, size_t max_chars, std::string& out);

void write_object(const json::object& obj, size_t max_chars, std::string& out) {
  auto start = out.size();
  out += '{';
  bool first = true;
  for (const auto& member : obj) {
    std::string text = json::serialize(json::string{member.key()}) + ": ";
    write(member.value(), max_chars, text);
    auto used = out.size() - start;
    if (!first && used + text.size() > max_chars) {
      out += ", ...";
      break;
    }
    out += (first ? "" : ", ") + text;
    first = false;
  }
  out += '}';
}

void write(const json::value& shape, size_t max_chars, std::string& out) {
  if (const auto* obj = shape.if_object()) {
    write_object(*obj, max_chars, out);
  } else if (const auto* arr = shape.if_array()) {
    out += '[';
    if (!arr->empty())
      write(arr->front(), max_chars, out);
    out += ']';
  } else {
    out += json::serialize(shape);
  }
}

} // namespace

std::string field_name(json::string_view key) {
  return split(key).name;
}

bool is_optional(json::string_view key) {
  return split(key).optional;
}

std::optional<std::string> declaration_error(const json::value& shape) {
  return error_at(shape, "");
}

std::optional<json::value> at(const json::value& shape,
                              const std::vector<std::string>& fields) {
  std::optional<json::value> current = shape;
  for (const auto& field : fields) {
    current = step(*current, field);
    if (!current)
      return std::nullopt;
  }
  return current;
}

json::value
of_value(const json::value& value,
         const std::function<json::value(const json::string&)>& string_shape) {
  switch (value.kind()) {
  case json::kind::string:
    return string_shape ? string_shape(value.get_string()) : json::value("string");
  case json::kind::int64:
  case json::kind::uint64:
    return "integer";
  case json::kind::double_:
    return "number";
  case json::kind::bool_:
    return "boolean";
  case json::kind::null:
    return "any";
  case json::kind::array: {
    std::vector<json::value> shapes;
    for (const auto& element : value.get_array())
      shapes.push_back(of_value(element, string_shape));
    return element_shape(shapes);
  }
  case json::kind::object:
    break;
  }
  json::object shape;
  for (const auto& member : value.get_object())
    shape[member.key()] = of_value(member.value(), string_shape);
  return shape;
}

std::vector<problem> compare(const json::value& produced, const json::value& expected,
                             const std::string& path) {
  std::vector<problem> out;
  compare_into(produced, expected, path, out);
  return out;
}

std::string describe(const json::value& shape) {
  if (const auto* arr = shape.if_array())
    return "an array of " + plural(arr->front());
  auto type = base_type(shape);
  if (type == "any")
    return "any value";
  bool vowel = type == "integer" || type == "object" || type == "array";
  return (vowel ? "an " : "a ") + type;
}

std::string to_text(const json::value& shape, size_t max_chars) {
  std::string out;
  write(shape, max_chars, out);
  return out;
}

} // namespace troupe::json_shape

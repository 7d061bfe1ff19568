#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace troupe {

/// The string at `key` of `v`, or "" when `v` is no object or the field is
/// missing or not a string. Agents read model answers and task inputs this
/// way because either may lack fields; they check what they need.
std::string string_at(const boost::json::value& v, std::string_view key);

/// The integer at `key` of `v`, or 0 when it is missing or not an integer.
int64_t int_at(const boost::json::value& v, std::string_view key);

/// The number at `key` of `v` (integer or not), or 0 when it is missing or
/// not a number.
double number_at(const boost::json::value& v, std::string_view key);

/// The value at `key` of `v`, or null when `v` is no object or lacks it.
const boost::json::value& value_at(const boost::json::value& v, std::string_view key);

/// The array at `key` of `v`, or an empty array.
const boost::json::array& array_at(const boost::json::value& v, std::string_view key);

/// The value at dotted `path` of `v`, as references walk a run's values: a
/// segment is an object's key or, in an array, an element's index
/// ("sources.0.title"). Null when the path leads nowhere.
const boost::json::value& value_at_path(const boost::json::value& v,
                                        std::string_view path);

// Object overloads: without them an object argument converts to a temporary
// value, which is a copy and, for the reference-returning accessors, dangles.
std::string string_at(const boost::json::object& obj, std::string_view key);
int64_t int_at(const boost::json::object& obj, std::string_view key);
double number_at(const boost::json::object& obj, std::string_view key);
const boost::json::value& value_at(const boost::json::object& obj, std::string_view key);
const boost::json::array& array_at(const boost::json::object& obj, std::string_view key);
const boost::json::value& value_at_path(const boost::json::object& obj,
                                        std::string_view path);

/// The string form of `v`: the string itself, or its JSON text.
std::string text_of(const boost::json::value& v);

} // namespace troupe

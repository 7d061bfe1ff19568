#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

/// Shapes: what an agent's task input or output looks like, written as JSON,
/// so the scenario loader can check that one step's output feeds the next
/// step's input before anything runs.
///
///   "string" "number" "integer" "boolean"   a value of that type; an integer
///                                           is also a number
///   "object" "array"                        any object, any array
///   "any"                                   anything; nothing is checked
///   {"title": SHAPE, "path?": SHAPE}        an object with these fields (and
///                                           maybe others); a key ending in
///                                           '?' is a field that may be absent
///   [SHAPE]                                 an array whose elements have SHAPE
///
/// Example, a search result: {"query": "string", "sources": [{"id": "string",
/// "title": "string", "score": "number", "path?": "string"}]}.
///
/// Checks are lenient where the shape says little: "any" fits and accepts
/// everything, "object" and "array" fit any object or array shape and
/// accept any object or array. The notation has no null.
namespace troupe::json_shape {

/// One way a produced shape falls short of the shape a consumer expects.
struct problem {
  enum class kind { missing_field, optional_field, wrong_type };

  kind what = kind::wrong_type;
  /// Where, as a dotted path with arrays as "[]": "summaries[].findings".
  std::string path;
  /// "missing field 'findings'", "field 'findings' may be missing" or
  /// "is a string, expected an array of objects".
  std::string message;
  std::string field;    // missing_field, optional_field: the field's name
  std::string produced; // wrong_type: what is there, e.g. "a string"
  std::string expected; // wrong_type: what should be, e.g. "an array of objects"
};

/// The name of the field a key of an object shape declares: "path?" and
/// "path" both declare field "path".
std::string field_name(boost::json::string_view key);

/// Whether a key of an object shape declares a field that may be absent.
bool is_optional(boost::json::string_view key);

/// What is wrong with `shape` as a declaration ("unknown type 'strng' at
/// sources[].title"), or nothing when it is valid notation.
std::optional<std::string> declaration_error(const boost::json::value& shape);

/// The shape of the value found by following `fields` from a value of
/// `shape`, as a reference like `search.sources.0.title` does: a field
/// steps into an object's field, a number into an array's elements, and
/// anything into "any", "object" or "array" gives "any". Nothing when the
/// path leaves the shape (a field the object does not have, a field of a
/// string). A field that may be absent is followed like any other.
std::optional<boost::json::value> at(const boost::json::value& shape,
                                     const std::vector<std::string>& fields);

/// The shape of a literal JSON value: strings are "string" unless
/// `string_shape` says otherwise (the loader passes one that knows what a
/// `{{reference}}` gives), whole numbers "integer", other numbers "number",
/// null "any"; objects and arrays recursively. An array whose elements do
/// not all have the same shape, or has none, is "array".
boost::json::value
of_value(const boost::json::value& value,
         const std::function<boost::json::value(const boost::json::string&)>&
             string_shape = {});

/// Every way a value of shape `produced` may fail to be a value of shape
/// `expected`, with paths starting at `path` (e.g. the input's name). Both
/// must be valid notation.
std::vector<problem> compare(const boost::json::value& produced,
                             const boost::json::value& expected,
                             const std::string& path = {});

/// The shape (valid notation) in words: "a string", "an object", "an array
/// of objects", "any value".
std::string describe(const boost::json::value& shape);

/// The shape as compact notation for messages, e.g. {"title": "string",
/// "findings": ["string"]}, with members beyond about `max_chars` left out
/// as "...".
std::string to_text(const boost::json::value& shape, size_t max_chars = 60);

} // namespace troupe::json_shape

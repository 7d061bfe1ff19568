#include "runtime/scenario/json_shape.hpp"

#include <catch2/catch.hpp>

using namespace troupe;
namespace json = boost::json;

namespace {

json::value shape(const char* text) {
  return json::parse(text);
}

/// The declaration error of `text`, or "valid".
std::string declared(const char* text) {
  return json_shape::declaration_error(shape(text)).value_or("valid");
}

/// `at` as text: the compact shape, or "none".
std::string at(const char* text, std::vector<std::string> fields) {
  auto result = json_shape::at(shape(text), fields);
  return result ? json_shape::to_text(*result, 1000) : "none";
}

/// Each problem of compare() as "path: message".
std::vector<std::string> problems(const char* produced, const char* expected,
                                  const std::string& path = "in") {
  std::vector<std::string> out;
  for (const auto& p : json_shape::compare(shape(produced), shape(expected), path))
    out.push_back(p.path + ": " + p.message);
  return out;
}

using lines = std::vector<std::string>;

const char* const search_output = R"({"query": "string", "sources": [
  {"id": "string", "title": "string", "score": "number", "path?": "string"}]})";

} // namespace

TEST_CASE("json_shape accepts the notation", "[json_shape]") {
  for (const char* leaf : {"\"string\"", "\"number\"", "\"integer\"", "\"boolean\"",
                           "\"object\"", "\"array\"", "\"any\""})
    CHECK(declared(leaf) == "valid");
  CHECK(declared(search_output) == "valid");
  CHECK(declared(R"([[{"a?": ["integer"]}]])") == "valid");
  CHECK(declared("{}") == "valid");
}

TEST_CASE("json_shape names what is wrong with a declaration", "[json_shape]") {
  CHECK(declared(R"("strng")") ==
        "unknown type 'strng' (did you mean 'string'? types: string, number, integer, "
        "boolean, object, array, any)");
  CHECK(declared(R"({"sources": [{"title": "text"}]})") ==
        "unknown type 'text' at sources[].title (types: string, number, integer, "
        "boolean, object, array, any)");
  CHECK(declared(R"({"tags": []})") ==
        "an array shape has exactly one element, the shape of its elements, not 0 at "
        "tags");
  CHECK(declared(R"(["string", "number"])") ==
        "an array shape has exactly one element, the shape of its elements, not 2");
  CHECK(declared(R"({"n": 3})") ==
        "a shape is a type name, an object or a one-element array, not 3 at n");
  CHECK(declared("null") ==
        "a shape is a type name, an object or a one-element array, not null");
  CHECK(declared(R"({"a": "string", "a?": "string"})") == "field 'a' declared twice");
  CHECK(declared(R"({"x": {"?": "string"}})") == "empty field name at x");
}

TEST_CASE("json_shape reads field keys", "[json_shape]") {
  CHECK(json_shape::field_name("path?") == "path");
  CHECK(json_shape::field_name("path") == "path");
  CHECK(json_shape::is_optional("path?"));
  CHECK_FALSE(json_shape::is_optional("path"));
}

TEST_CASE("json_shape follows a reference path", "[json_shape]") {
  CHECK(at(search_output, {}) == json_shape::to_text(shape(search_output), 1000));
  CHECK(at(search_output, {"query"}) == R"("string")");
  CHECK(at(search_output, {"sources", "0"}) ==
        R"({"id": "string", "title": "string", "score": "number", "path?": "string"})");
  CHECK(at(search_output, {"sources", "3", "title"}) == R"("string")");
  // An optional field is followed like any other.
  CHECK(at(search_output, {"sources", "0", "path"}) == R"("string")");
  // Nothing is known inside "any", "object" and "array".
  CHECK(at(R"({"meta": "object"})", {"meta", "x", "y"}) == R"("any")");
  CHECK(at(R"("any")", {"a", "0"}) == R"("any")");
  CHECK(at(R"({"list": "array"})", {"list", "2"}) == R"("any")");
  // Paths that leave the shape.
  CHECK(at(search_output, {"sources", "title"}) == "none");
  CHECK(at(search_output, {"srcs"}) == "none");
  CHECK(at(search_output, {"query", "0"}) == "none");
  CHECK(at(R"({"list": "array"})", {"list", "x"}) == "none");
}

TEST_CASE("json_shape gives the shape of a literal value", "[json_shape]") {
  auto of = [](const char* text) {
    return json_shape::to_text(json_shape::of_value(json::parse(text)));
  };
  CHECK(of(R"("Sources for {{inputs.question}}")") == R"("string")");
  CHECK(of("3") == R"("integer")");
  CHECK(of("2.5") == R"("number")");
  CHECK(of("true") == R"("boolean")");
  CHECK(of("null") == R"("any")");
  CHECK(of(R"({"a": [1, 2], "b": {"c": false}})") ==
        R"({"a": ["integer"], "b": {"c": "boolean"}})");
  CHECK(of("[1, 2.5]") == R"("array")");
  CHECK(of("[]") == R"("array")");
  // The loader tells what a string gives.
  auto item =
      json_shape::of_value(json::parse(R"(["{{item}}", "{{item}}"])"),
                           [](const json::string&) { return shape("[\"any\"]"); });
  CHECK(json_shape::to_text(item) == R"([["any"]])");
}

TEST_CASE("json_shape compare: a missing required field", "[json_shape]") {
  CHECK(
      problems(R"({"title": "string"})", R"({"title": "string", "findings": "array"})") ==
      lines{"in.findings: missing field 'findings'"});
  // Optional fields of the expected shape may be absent; extra fields are fine.
  CHECK(problems(R"({"title": "string", "extra": "number"})",
                 R"({"title": "string", "findings?": "array"})")
            .empty());
}

TEST_CASE("json_shape compare: an optional field where one is required", "[json_shape]") {
  auto found = json_shape::compare(shape(R"({"path?": "string"})"),
                                   shape(R"({"path": "string"})"), "source");
  REQUIRE(found.size() == 1);
  CHECK(found[0].what == json_shape::problem::kind::optional_field);
  CHECK(found[0].path == "source.path");
  CHECK(found[0].field == "path");
  CHECK(found[0].message == "field 'path' may be missing");
  CHECK(problems(R"({"path?": "string"})", R"({"path?": "string"})").empty());
}

TEST_CASE("json_shape compare: type mismatches", "[json_shape]") {
  auto found =
      json_shape::compare(shape(R"("string")"), shape(R"("array")"), "summaries");
  REQUIRE(found.size() == 1);
  CHECK(found[0].what == json_shape::problem::kind::wrong_type);
  CHECK(found[0].path == "summaries");
  CHECK(found[0].message == "is a string, expected an array");
  CHECK(found[0].produced == "a string");
  CHECK(found[0].expected == "an array");
  CHECK(problems(R"({"score": "string"})", R"({"score": "number"})") ==
        lines{"in.score: is a string, expected a number"});
  CHECK(problems(R"("number")", R"("integer")") ==
        lines{"in: is a number, expected an integer"});
  CHECK(problems(R"(["string"])", R"({"a": "string"})") ==
        lines{"in: is an array of strings, expected an object"});
}

TEST_CASE("json_shape compare: integers are numbers, literals their kinds",
          "[json_shape]") {
  CHECK(problems(R"("integer")", R"("number")").empty());
  CHECK(problems(R"({"a": "string"})", R"("object")").empty());
  CHECK(problems(R"(["string"])", R"("array")").empty());
}

TEST_CASE("json_shape compare: a nested array of objects", "[json_shape]") {
  CHECK(problems(R"([{"source_id": "string", "title": "string"}])",
                 R"([{"source_id": "string", "findings": ["string"]}])",
                 "summaries") == lines{"summaries[].findings: missing field 'findings'"});
  CHECK(problems(R"({"runs": [[{"ok": "string"}]]})",
                 R"({"runs": [[{"ok": "boolean"}]]})",
                 "") == lines{"runs[][].ok: is a string, expected a boolean"});
  CHECK(problems(R"([{"findings": ["integer"]}])", R"([{"findings": ["string"]}])",
                 "summaries") ==
        lines{"summaries[].findings[]: is an integer, expected a string"});
}

TEST_CASE("json_shape compare: any, object and array are unknown, so compatible",
          "[json_shape]") {
  CHECK(problems(R"("any")", R"({"findings": ["string"]})").empty());
  CHECK(problems(R"({"findings": "string"})", R"("any")").empty());
  CHECK(problems(R"({"findings": "any"})", R"({"findings": ["string"]})").empty());
  CHECK(problems(R"("object")", R"({"findings": ["string"]})").empty());
  CHECK(problems(R"("array")", R"([{"findings": ["string"]}])").empty());
}

TEST_CASE("json_shape compare reports every problem", "[json_shape]") {
  CHECK(problems(R"({"a": "string", "b?": "integer", "c": "boolean"})",
                 R"({"a": "number", "b": "integer", "c": "boolean", "d": "any"})") ==
        lines{"in.a: is a string, expected a number", "in.b: field 'b' may be missing",
              "in.d: missing field 'd'"});
}

TEST_CASE("json_shape describes shapes in words", "[json_shape]") {
  CHECK(json_shape::describe(shape(R"("string")")) == "a string");
  CHECK(json_shape::describe(shape(R"("integer")")) == "an integer");
  CHECK(json_shape::describe(shape(R"("any")")) == "any value");
  CHECK(json_shape::describe(shape(R"({"a": "string"})")) == "an object");
  CHECK(json_shape::describe(shape(R"([{"a": "string"}])")) == "an array of objects");
  CHECK(json_shape::describe(shape(R"([["string"]])")) == "an array of arrays");
  CHECK(json_shape::describe(shape(R"(["any"])")) == "an array of values");
}

TEST_CASE("json_shape writes shapes compactly", "[json_shape]") {
  CHECK(json_shape::to_text(shape(R"({"findings": ["string"], "n?": "integer"})")) ==
        R"({"findings": ["string"], "n?": "integer"})");
  CHECK(json_shape::to_text(shape(R"({"source_id": "string", "title": "string",
                                      "path": "string", "findings": ["string"],
                                      "model": "string"})"),
                            48) == R"({"source_id": "string", "title": "string", ...})");
}

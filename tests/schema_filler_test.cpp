#include "runtime/model/text/schema_filler.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace troupe;
namespace json = boost::json;

namespace {

json::value fill(const std::string& prompt, const json::object& schema) {
  auto blocks = prompt_blocks::parse(prompt);
  source_material material{blocks, sentence_splitter{}, term_extractor{}};
  return schema_filler{material, blocks.question}.fill(schema);
}

json::value fill(const std::string& prompt, const std::string& schema) {
  return fill(prompt, json::parse(schema).as_object());
}

std::vector<std::string> strings(const json::value& array) {
  std::vector<std::string> result;
  for (const auto& v : array.as_array())
    result.emplace_back(v.as_string());
  return result;
}

const std::string triage_schema = R"({
  "type": "object",
  "properties": {
    "category": {
      "type": "string",
      "oneOf": [
        {"const": "simple",
         "description": "how-to question, password reset, invoice copy, plan change"},
        {"const": "complex",
         "description": "outage, data loss, security incident, crash, production error"}
      ]
    }
  }
})";

const std::string doc_lithium =
    "Grid-scale battery storage lets utilities shift solar energy to the evening peak. "
    "Lithium-ion batteries dominate new projects because their costs fell sharply over "
    "the last decade. The main trade-offs of battery storage are cost, degradation and "
    "safety. Operators replace cells after about ten to fifteen years of cycling.";

const std::string doc_hydro =
    "Pumped hydro remains the largest form of energy storage in the world. It offers "
    "long durations at a low cost per kilowatt-hour, but it needs suitable geography.";

std::string corpus() {
  return "<question>What are the main trade-offs of grid-scale battery "
         "storage?</question>"
         "<document id=\"lithium\">" +
         doc_lithium + "</document><document id=\"hydro\">" + doc_hydro + "</document>";
}

/// {"type": "object", "properties": {"child": ...}} nested `levels` deep.
json::object nested_objects(int levels) {
  json::object schema{{"type", "object"}};
  for (int i = 1; i < levels; ++i)
    schema = json::object{{"type", "object"},
                          {"properties", json::object{{"child", std::move(schema)}}}};
  return schema;
}

} // namespace

TEST_CASE("schema_filler picks the option whose description fits the material",
          "[schema_filler]") {
  auto outage = fill("Ticket: The whole dashboard is down for all our users since 9am, "
                     "production outage",
                     triage_schema);
  CHECK(outage.at("category") == "complex");
  auto password = fill("How do I reset my password?", triage_schema);
  CHECK(password.at("category") == "simple");
  // Document blocks are the material when there are any.
  auto documents = fill("Classify the ticket.<document id=\"t1\">Since the last deploy "
                        "the app shows a crash and a production error.</document>",
                        triage_schema);
  CHECK(documents.at("category") == "complex");
}

TEST_CASE("schema_filler chooses among enum values, the first on a tie",
          "[schema_filler]") {
  const std::string schema =
      R"({"type": "string", "enum": ["sales", "billing", "technical"]})";
  CHECK(fill("My invoice shows a billing error.", schema) == "billing");
  CHECK(fill("Nothing that matches any value.", schema) == "sales");
  CHECK(fill("", schema) == "sales");
  CHECK(fill("Technical billing question.", schema) == "billing");
  CHECK(fill("Anything.", R"({"const": "fixed"})") == "fixed");
  CHECK(fill("Anything.", R"({"anyOf": [{"const": 3}, {"const": 4}]})") == 3);
}

TEST_CASE("schema_filler fills strings with the best sentence for the property",
          "[schema_filler]") {
  auto answer = fill(corpus(), R"({"type": "object", "properties": {
      "tradeoffs": {"type": "string", "description": "the main trade-offs"},
      "short": {"type": "string", "description": "the main trade-offs",
                "maxLength": 20},
      "tiny": {"type": "string", "description": "the main trade-offs",
               "maxLength": 2}}})");
  CHECK(answer.at("tradeoffs") ==
        "The main trade-offs of battery storage are cost, degradation and safety.");
  CHECK(answer.at("short") == "The main trade-offs");
  CHECK(answer.at("tiny") == "Th");
  CHECK(fill("", R"({"type": "string"})") == "");
}

TEST_CASE("schema_filler steers strings by the property's name and description",
          "[schema_filler]") {
  const std::string documents = "<document id=\"lithium\">" + doc_lithium +
                                "</document><document id=\"hydro\">" + doc_hydro +
                                "</document>";
  auto answer = fill(documents, R"({"type": "object", "properties": {
      "terrain": {"type": "string", "description": "suitable geography"},
      "cells": {"type": "string"}}})");
  CHECK(answer.at("terrain") == "It offers long durations at a low cost per "
                                "kilowatt-hour, but it needs suitable geography.");
  CHECK(answer.at("cells") ==
        "Operators replace cells after about ten to fifteen years of cycling.");
}

TEST_CASE("schema_filler fills string arrays with the top sentences", "[schema_filler]") {
  auto answer = fill(corpus(), R"({"type": "object", "properties": {
      "points": {"type": "array", "items": {"type": "string"}},
      "two": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
      "cut": {"type": "array", "maxItems": 1,
              "items": {"type": "string", "maxLength": 12}}}})");
  auto points = strings(answer.at("points"));
  REQUIRE(points.size() == 3);
  // Best first: the sentence that answers the question leads.
  CHECK(points[0] ==
        "The main trade-offs of battery storage are cost, degradation and safety.");
  CHECK(answer.at("two").as_array().size() == 2);
  CHECK(strings(answer.at("cut")) == std::vector<std::string>{"The main"});
  std::string twelve;
  for (const auto* use : {"homes", "farms", "mines", "ports", "malls", "schools",
                          "clinics", "depots", "hotels", "stadiums", "labs", "docks"})
    twelve += std::string{"Battery storage serves many "} + use + " across the region. ";
  auto capped = fill(twelve, R"({"type": "array", "maxItems": 50,
                                  "items": {"type": "string"}})");
  CHECK(capped.as_array().size() == 10);
  auto padded = fill("Batteries store energy for the evening peak.",
                     R"({"type": "array", "minItems": 3, "items": {"type": "string"}})");
  CHECK(strings(padded) ==
        std::vector<std::string>{"Batteries store energy for the evening peak.", "", ""});
}

TEST_CASE("schema_filler fills numbers from their bounds", "[schema_filler]") {
  auto answer = fill("Anything.", R"({"type": "object", "properties": {
      "score": {"type": "integer", "minimum": 1, "maximum": 10},
      "ratio": {"type": "number", "minimum": 0, "maximum": 1},
      "count": {"type": "integer", "minimum": 3},
      "fraction": {"type": "integer", "minimum": 2.5},
      "below": {"type": "number", "maximum": -4},
      "free": {"type": "number"}}})");
  CHECK(answer.at("score") == 6); // 5.5, rounded
  CHECK(answer.at("ratio") == 0.5);
  CHECK(answer.at("count") == 3);
  CHECK(answer.at("fraction") == 3);
  CHECK(answer.at("below") == -4);
  CHECK(answer.at("free") == 0);
  CHECK(json::serialize(answer.at("free")) == "0");
}

TEST_CASE("schema_filler sets booleans by whether the material mentions them",
          "[schema_filler]") {
  const std::string schema = R"({"type": "object", "properties": {
      "outage": {"type": "boolean", "description": "service down, outage"},
      "refund": {"type": "boolean", "description": "asks for money back"},
      "password": {"type": "boolean"}}})";
  auto answer = fill("The dashboard has an outage; please reset my password.", schema);
  CHECK(answer.at("outage") == true);
  CHECK(answer.at("refund") == false);
  CHECK(answer.at("password") == true); // no description: the name counts
}

TEST_CASE("schema_filler fills nested objects in the schema's order", "[schema_filler]") {
  auto answer = fill(corpus(), R"({"type": "object", "properties": {
      "zeta": {"type": "integer", "minimum": 2, "maximum": 2},
      "report": {"type": "object", "properties": {
        "verdict": {"type": "string", "enum": ["geothermal", "battery"]},
        "alpha": {"type": "boolean", "description": "degradation"},
        "nothing": {"description": "no type"}}},
      "unknown": {"type": "date"}}})");
  CHECK(json::serialize(answer) ==
        R"({"zeta":2,"report":{"verdict":"battery","alpha":true,"nothing":null},)"
        R"("unknown":null})");
}

TEST_CASE("schema_filler fills an array of objects with one object per document",
          "[schema_filler]") {
  const std::string schema = R"({"type": "object", "properties": {
      "sources": {"type": "array", "items": {"type": "object", "properties": {
        "point": {"type": "string", "description": "cost"},
        "pumped": {"type": "boolean", "description": "pumped hydro"}}}}}})";
  auto answer = fill(corpus(), schema);
  const auto& sources = answer.at("sources").as_array();
  REQUIRE(sources.size() == 2);
  // Each object is filled from its own document alone.
  CHECK(doc_lithium.find(std::string{sources[0].at("point").as_string()}) !=
        std::string::npos);
  CHECK(sources[0].at("pumped") == false);
  CHECK(doc_hydro.find(std::string{sources[1].at("point").as_string()}) !=
        std::string::npos);
  CHECK(sources[1].at("pumped") == true);

  auto limited = json::parse(schema).as_object();
  limited["properties"].as_object()["sources"].as_object()["maxItems"] = 1;
  CHECK(fill(corpus(), limited).at("sources").as_array().size() == 1);

  auto single = fill("Pumped hydro is cheap per kilowatt-hour.", schema);
  REQUIRE(single.at("sources").as_array().size() == 1);
  CHECK(single.at("sources").at(0).at("point") ==
        "Pumped hydro is cheap per kilowatt-hour.");
}

TEST_CASE("schema_filler fills arrays of options with the options mentioned",
          "[schema_filler]") {
  const std::string schema = R"({"type": "array", "minItems": 1, "items": {
      "enum": ["billing", "login", "outage", "mobile"]}})";
  CHECK(json::serialize(fill("Login fails during the outage, and login again fails.",
                             schema)) == R"(["login","outage"])");
  CHECK(json::serialize(fill("Nothing relevant.", schema)) == R"(["billing"])");
}

TEST_CASE("schema_filler reads type lists and optional alternatives", "[schema_filler]") {
  CHECK(fill("Batteries store energy for the evening peak.",
             R"({"type": ["null", "string"]})") ==
        "Batteries store energy for the evening peak.");
  CHECK(fill("Anything.", R"({"anyOf": [{"type": "null"}, {"type": "integer",
             "minimum": 7}]})") == 7);
  CHECK(fill("Anything.", R"({"type": "null"})").is_null());
  CHECK(fill("Anything.", R"({"properties": {"a": {"type": "string"}}})").is_null());
  // A typed schema's anyOf only adds constraints: the type decides.
  CHECK(fill("Anything.", R"({"type": "object", "properties": {},
             "anyOf": [{"required": ["a"]}]})") == json::object{});
}

TEST_CASE("schema_filler stops at its depth bound", "[schema_filler]") {
  auto value = fill("Anything.", nested_objects(40));
  int depth = 0;
  for (const json::value* v = &value; v->is_object(); v = &v->at("child"))
    ++depth;
  CHECK(depth == static_cast<int>(schema_filler::max_depth));
  auto shallow = fill("Anything.", nested_objects(3));
  CHECK(json::serialize(shallow) == R"({"child":{"child":{}}})");
}

TEST_CASE("schema_filler bounds the values a hostile schema asks for",
          "[schema_filler]") {
  // Ten levels of arrays of 1000 arrays each: 10^30 values if taken at word.
  json::object schema{{"type", "integer"}};
  for (int i = 0; i < 10; ++i)
    schema = json::object{{"type", "array"}, {"minItems", 1000}, {"items", schema}};
  auto value = fill("Anything.", schema);
  CHECK(value.as_array().size() <= 100);
  CHECK(json::serialize(value).size() < 50000);
}

TEST_CASE("schema_filler knows when extra properties are allowed", "[schema_filler]") {
  CHECK(schema_filler::allows_additional_properties(json::object{}));
  CHECK(schema_filler::allows_additional_properties(
      json::object{{"additionalProperties", true}}));
  CHECK(schema_filler::allows_additional_properties(
      json::object{{"additionalProperties", json::object{}}}));
  CHECK_FALSE(schema_filler::allows_additional_properties(
      json::object{{"additionalProperties", false}}));
}

// table_report: grouped rows become markdown tables; bad params are errors
// that name the param.

#include "agents/table_report.hpp"
#include "runtime/errors.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

table_report report_of(const std::string& params) {
  auto r = table_report::from_params(boost::json::parse(params).as_object());
  REQUIRE(r);
  return std::move(*r);
}

std::string error_of(const std::string& params) {
  auto r = table_report::from_params(boost::json::parse(params).as_object());
  REQUIRE_FALSE(r);
  CHECK(has_code(r.error(), errc::invalid_input));
  return describe(r.error());
}

const char* triage_params = R"({"title": "Ticket triage",
    "columns": [{"header": "Ticket", "field": "id"},
                {"header": "Team", "field": "route.team"},
                {"header": "First tag", "field": "tags.0"},
                {"header": "Meta", "field": "meta"}]})";

} // namespace

TEST_CASE("table_report: two groups, an empty group, summary and note",
          "[table_report]") {
  auto input = boost::json::parse(R"({
    "summary": "3 tickets, 1 escalated.",
    "note": "Generated offline.",
    "groups": [
      {"title": "Answered", "rows": [
        {"id": "T1", "route": {"team": "billing"}, "tags": ["refund", "eu"], "meta": {"n": 1}},
        {"id": "T2", "route": {"team": "auth"}, "tags": [], "meta": 7}]},
      {"title": "Escalated", "rows": [{"id": "T3", "route": {"team": null}}]},
      {"title": "Spam", "rows": []}]})")
                   .as_object();
  auto report = report_of(triage_params);
  CHECK(report.render(input) == "# Ticket triage\n"
                                "\n"
                                "3 tickets, 1 escalated.\n"
                                "\n"
                                "## Answered (2)\n"
                                "\n"
                                "| Ticket | Team | First tag | Meta |\n"
                                "|---|---|---|---|\n"
                                "| T1 | billing | refund | {\"n\":1} |\n"
                                "| T2 | auth |  | 7 |\n"
                                "\n"
                                "## Escalated (1)\n"
                                "\n"
                                "| Ticket | Team | First tag | Meta |\n"
                                "|---|---|---|---|\n"
                                "| T3 |  |  |  |\n"
                                "\n"
                                "## Spam (0)\n"
                                "\n"
                                "none\n"
                                "\n"
                                "Generated offline.\n");
  CHECK(table_report::row_count(input) == 3);
}

TEST_CASE("table_report: cells escape pipes and line breaks and are cut",
          "[table_report]") {
  CHECK(table_report::cell(boost::json::value("a|b\nc\r\nd")) == "a\\|b<br>c<br>d");
  CHECK(table_report::cell(boost::json::value(true)) == "true");
  CHECK(table_report::cell(boost::json::value(nullptr)).empty());
  CHECK(table_report::cell(boost::json::parse(R"(["x|y"])")) == "[\"x\\|y\"]");
  auto long_text = std::string(150, 'a') + std::string(100, 'b');
  auto cut = table_report::cell(boost::json::value(long_text));
  CHECK(cut == std::string(150, 'a') + std::string(49, 'b') + "\u2026");
  auto exact = std::string(200, 'c');
  CHECK(table_report::cell(boost::json::value(exact)) == exact);
}

TEST_CASE("table_report: defaults, and a summary found by summary_field",
          "[table_report]") {
  auto input = boost::json::parse(R"({"overview": {"text": "All clear."},
      "groups": [{"title": "Clauses", "rows": [{"heading": "1. Term"}]}]})")
                   .as_object();
  auto report = report_of(R"({"columns": [{"field": "heading"}],
                              "summary_field": "overview.text"})");
  CHECK(report.render(input) == "# Report\n"
                                "\n"
                                "All clear.\n"
                                "\n"
                                "## Clauses (1)\n"
                                "\n"
                                "| heading |\n"
                                "|---|\n"
                                "| 1. Term |\n");
  CHECK(report_of(R"({"columns": [{"field": "x"}]})").render(boost::json::object{}) ==
        "# Report\n");
}

TEST_CASE("table_report: bad params name the param", "[table_report]") {
  CHECK(error_of(R"({"title": "R"})") ==
        "param 'columns' is missing; give the table's columns, e.g. \"columns\": "
        "[{\"header\": \"Clause\", \"field\": \"heading\"}, {\"header\": \"Risk\", "
        "\"field\": \"risk.level\"}]");
  CHECK(error_of(R"({"columns": []})")
            .rfind("param 'columns' must be a non-empty array of {\"header\", "
                   "\"field\"} objects",
                   0) == 0);
  CHECK(error_of(R"({"columns": [{"field": "id"}, {"header": "Risk"}]})") ==
        "param 'columns': column 2 (Risk) has no \"field\"; give the dotted path of the "
        "row value it shows, e.g. \"field\": \"risk.level\"");
  CHECK(error_of(R"({"columns": [{"field": "risk..level"}]})") ==
        "param 'columns': column 1 has field 'risk..level', which is no dotted path "
        "like \"risk.level\"");
  CHECK(error_of(R"({"columns": ["id"]})") ==
        "param 'columns': column 1 must be an object {\"header\", \"field\"}, not id");
  CHECK(error_of(R"({"title": 3, "columns": [{"field": "id"}]})") ==
        "param 'title' must be a string, the report's heading");
}

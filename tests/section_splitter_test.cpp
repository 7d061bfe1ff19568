// section_splitter: documents split at clause numbers and markdown headings,
// the same way every time.

#include "agents/section_splitter.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

using triple = std::tuple<std::string, std::string, std::string>;

/// (id, heading, text) of each section, for comparing whole results.
std::vector<triple> split(const std::string& text, std::size_t min_chars = 1,
                          const std::string& title = "T") {
  std::vector<triple> out;
  for (const auto& s : section_splitter{min_chars}.split(text, title))
    out.emplace_back(s.id, s.heading, s.text);
  return out;
}

} // namespace

TEST_CASE("sections: numbered clauses keep their line in the text", "[sections]") {
  auto text = "MASTER SERVICES AGREEMENT\n"
              "Between Acme and Beta.\n"
              "\n"
              "1. Term\n"
              "This agreement runs for one year.\n"
              "2. Fees. Customer pays 100 EUR a month.\n"
              "2.1 Late payments bear interest.\n"
              "Section 3 Liability\r\n"
              "Capped at fees paid.\r\n"
              "ARTICLE IV - LAW\n"
              "German law.\n"
              "\xC2\xA7 5 Notices by email.\n";
  CHECK(
      split(text) ==
      std::vector<triple>{
          {"s1", "Preamble", "MASTER SERVICES AGREEMENT\nBetween Acme and Beta."},
          {"s2", "1. Term", "1. Term\nThis agreement runs for one year."},
          {"s3", "2. Fees. Customer pays 100 EUR a month.",
           "2. Fees. Customer pays 100 EUR a month."},
          {"s4", "2.1 Late payments bear interest.", "2.1 Late payments bear interest."},
          {"s5", "Section 3 Liability", "Section 3 Liability\nCapped at fees paid."},
          {"s6", "ARTICLE IV - LAW", "ARTICLE IV - LAW\nGerman law."},
          {"s7", "\xC2\xA7 5 Notices by email.", "\xC2\xA7 5 Notices by email."}});
}

TEST_CASE("sections: lines that only look like clauses do not split", "[sections]") {
  auto text = "1. Scope\n"
              "2024 was a good year.\n"
              "3.5% interest applies.\n"
              "Article numbers are listed below.\n"
              "Sections 4 and 5 do not apply.\n"
              "1.Scope without a blank\n";
  auto sections = split(text);
  REQUIRE(sections.size() == 1);
  CHECK(std::get<1>(sections[0]) == "1. Scope");
  CHECK(std::get<2>(sections[0]) ==
        std::string{text}.substr(0, std::string{text}.size() - 1));
}

TEST_CASE("sections: markdown headings are headings, not text", "[sections]") {
  auto text = "# Support policy\n"
              "\n"
              "## Response times ##\n"
              "Within a day.\n"
              "```\n"
              "# not a heading inside code\n"
              "```\n"
              "### Escalation\n"
              "Call the on-call engineer.\n"
              "#hashtag is no heading\n";
  CHECK(split(text) ==
        std::vector<triple>{
            {"s1", "Response times",
             "Within a day.\n```\n# not a heading inside code\n```"},
            {"s2", "Escalation", "Call the on-call engineer.\n#hashtag is no heading"}});
  // An empty section is kept when min_chars allows it.
  auto all = split(text, 0);
  REQUIRE(all.size() == 3);
  CHECK(all[0] == triple{"s1", "Support policy", ""});
  CHECK(std::get<0>(all[2]) == "s3");
}

TEST_CASE("sections: text without headings is one section", "[sections]") {
  CHECK(split("  Just a note.\nSecond line.\n", 1, "Note") ==
        std::vector<triple>{{"s1", "Note", "Just a note.\nSecond line."}});
  CHECK(split("", 50, "Empty") == std::vector<triple>{{"s1", "Empty", ""}});
}

TEST_CASE("sections: min_chars leaves out short sections and renumbers", "[sections]") {
  auto text = "Intro text here.\n"
              "1. Definitions\n"
              "1.1 \"Service\" means the hosted software.\n"
              "2. Term\n";
  CHECK(split(text, 20) ==
        std::vector<triple>{{"s1", "1.1 \"Service\" means the hosted software.",
                             "1.1 \"Service\" means the hosted software."}});
  CHECK(split(text, 1).size() == 4);
}

TEST_CASE("sections: titles and long headings", "[sections]") {
  CHECK(section_splitter::title_of("\n\n  ## SaaS Agreement\nbody") == "SaaS Agreement");
  CHECK(section_splitter::title_of("Plain first line\n1. x") == "Plain first line");
  CHECK(section_splitter::title_of(" \n").empty());
  std::string clause = "4. The Customer shall pay every invoice within thirty days of "
                       "receipt, without any deduction or set-off.";
  auto sections = split(clause);
  REQUIRE(sections.size() == 1);
  CHECK(std::get<1>(sections[0]) ==
        "4. The Customer shall pay every invoice within thirty days of receipt, "
        "without\u2026");
  CHECK(std::get<2>(sections[0]) == clause);
}

#include "tools/document_text.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

TEST_CASE("document_text takes a markdown title from the first '# ' heading",
          "[corpus]") {
  auto doc = document_text::parse("Intro line\n\n## Sub first\n\n# Main Title #\n\nBody "
                                  "text.\n### Deeper\n",
                                  ".md", "file-name");
  CHECK(doc.title == "Main Title");
  CHECK(doc.body == "Intro line\n\nSub first\n\nMain Title\n\nBody text.\nDeeper");
}

TEST_CASE("document_text leaves '#' lines in code fences and non-headings alone",
          "[corpus]") {
  auto doc = document_text::parse("```sh\n# not a title\n```\n#hashtag\nC# is a "
                                  "language\n",
                                  ".markdown", "shell_notes");
  CHECK(doc.title == "shell notes");
  CHECK(doc.body == "```sh\n# not a title\n```\n#hashtag\nC# is a language");
}

TEST_CASE("document_text reads html titles and text", "[corpus]") {
  auto doc = document_text::parse("<html><head><title>Flow Batteries</title></head>"
                                  "<body><p>Vanadium &amp; iron.</p></body></html>",
                                  ".HTM", "ignored");
  CHECK(doc.title == "Flow Batteries");
  CHECK(doc.body == "Vanadium & iron.");
  CHECK(document_text::parse("<p>no title</p>", ".html", "grid-scale_storage").title ==
        "grid scale storage");
}

TEST_CASE("document_text keeps plain text and titles it from the file name", "[corpus]") {
  auto doc = document_text::parse("\xEF\xBB\xBF  Line one\r\nLine two\r\n\r\n", ".txt",
                                  "lithium-ion_costs");
  CHECK(doc.title == "lithium ion costs");
  CHECK(doc.body == "Line one\nLine two");
}

TEST_CASE("document_text turns malformed UTF-8 into replacement characters", "[corpus]") {
  auto doc = document_text::parse("caf\xE9 ok", ".txt", "latin1");
  CHECK(doc.body == "caf\xEF\xBF\xBD ok");
}

#include "tools/plain_text_writer.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

TEST_CASE("plain_text_writer collapses whitespace runs to one space", "[corpus]") {
  plain_text_writer out;
  out.text("  grid \t storage\n\n  costs ");
  CHECK(out.str() == "grid storage costs");
}

TEST_CASE("plain_text_writer keeps the strongest pending break", "[corpus]") {
  plain_text_writer out;
  out.text("first");
  out.line_break();
  out.paragraph_break();
  out.space();
  out.text("second");
  out.line_break();
  out.text("third");
  CHECK(out.str() == "first\n\nsecond\nthird");
}

TEST_CASE("plain_text_writer drops leading and trailing separators", "[corpus]") {
  plain_text_writer out;
  out.paragraph_break();
  out.space();
  out.text("only");
  out.paragraph_break();
  out.space();
  CHECK(out.str() == "only");
}

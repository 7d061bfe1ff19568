#include "runtime/model/text/sentence_splitter.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

using sentences = std::vector<std::string>;

TEST_CASE("sentence_splitter splits on terminal punctuation", "[sentence_splitter]") {
  sentence_splitter splitter;
  CHECK(splitter.split("One here. Two there! Three?") ==
        sentences{"One here.", "Two there!", "Three?"});
  CHECK(splitter.split("He said \"stop.\" Then left.") ==
        sentences{"He said \"stop.\"", "Then left."});
  CHECK(splitter.split("Wait... What now?") == sentences{"Wait...", "What now?"});
  CHECK(splitter.split("No final period") == sentences{"No final period"});
}

TEST_CASE("sentence_splitter keeps abbreviations, initials and numbers",
          "[sentence_splitter]") {
  sentence_splitter splitter;
  CHECK(splitter.split("Costs fell, e.g. Tesla cut prices. Next one.") ==
        sentences{"Costs fell, e.g. Tesla cut prices.", "Next one."});
  CHECK(splitter.split("Use i.e. the cheap one. Done.") ==
        sentences{"Use i.e. the cheap one.", "Done."});
  CHECK(splitter.split("The U.S. Department agreed. Others did not.") ==
        sentences{"The U.S. Department agreed.", "Others did not."});
  CHECK(splitter.split("Dr. Smith and J. Doe wrote it. It is good.") ==
        sentences{"Dr. Smith and J. Doe wrote it.", "It is good."});
  CHECK(splitter.split("Efficiency is 1.5 times higher. Cost is $2.50 now.") ==
        sentences{"Efficiency is 1.5 times higher.", "Cost is $2.50 now."});
  CHECK(splitter.split("It costs approx. ten dollars.") ==
        sentences{"It costs approx. ten dollars."});
  CHECK(splitter.split("Apples, pears, etc. The end.") ==
        sentences{"Apples, pears, etc.", "The end."});
}

TEST_CASE("sentence_splitter reads markdown structure", "[sentence_splitter]") {
  sentence_splitter splitter;
  auto result = splitter.split("# Battery storage\n"
                               "\n"
                               "Batteries shift energy\n"
                               "to the evening peak. They degrade.\n"
                               "\n"
                               "- First bullet point here\n"
                               "* Second bullet. With two sentences.\n"
                               "1. Numbered item\n"
                               "12) Another item\n"
                               "---\n"
                               "> Quoted line.\n");
  CHECK(result == sentences{"Batteries shift energy to the evening peak.",
                            "They degrade.", "First bullet point here", "Second bullet.",
                            "With two sentences.", "Numbered item", "Another item",
                            "Quoted line."});
}

TEST_CASE("sentence_splitter drops title lines but keeps a last unpunctuated line",
          "[sentence_splitter]") {
  sentence_splitter splitter;
  CHECK(splitter.split("Grid storage: an overview\n\nStorage is useful.") ==
        sentences{"Storage is useful."});
  CHECK(splitter.split("Storage is useful.\n\nthanks for reading") ==
        sentences{"Storage is useful.", "thanks for reading"});
}

TEST_CASE("sentence_splitter collapses whitespace and skips non-text",
          "[sentence_splitter]") {
  sentence_splitter splitter;
  CHECK(splitter.split("  Spaced \t out   words.\r\n") == sentences{"Spaced out words."});
  CHECK(splitter.split("").empty());
  CHECK(splitter.split("   \n\n  ").empty());
  CHECK(splitter.split("42. 17!").empty());
}

TEST_CASE("sentence_splitter handles non-ASCII text", "[sentence_splitter]") {
  sentence_splitter splitter;
  CHECK(splitter.split("Über Speicher. Émile dit « oui ». Fin.") ==
        sentences{"Über Speicher.", "Émile dit « oui ».", "Fin."});
  CHECK(splitter.split("She said “done.” Then it ended.") ==
        sentences{"She said “done.”", "Then it ended."});
}

TEST_CASE("sentence_splitter cuts run-on text at a word and character boundary",
          "[sentence_splitter]") {
  sentence_splitter splitter{40};
  std::string run_on;
  for (int i = 0; i < 20; ++i)
    run_on += "énergie ";
  auto result = splitter.split(run_on);
  REQUIRE(result.size() == 1);
  CHECK(result[0].size() <= 40);
  CHECK(result[0].rfind("énergie…") == result[0].size() - std::string{"énergie…"}.size());
}

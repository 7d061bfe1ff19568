#include "runtime/scenario/prompt_template.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace troupe;

namespace {

prompt_template::lookup from(std::map<std::string, std::string> values) {
  return
      [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
        auto i = values.find(std::string{name});
        if (i == values.end())
          return std::nullopt;
        return i->second;
      };
}

} // namespace

TEST_CASE("prompt_template keeps text and version", "[prompt_template]") {
  auto p = prompt_template::parse("Hello {{name}}!", "3");
  REQUIRE(p);
  CHECK(p->text() == "Hello {{name}}!");
  CHECK(p->version() == "3");
}

TEST_CASE("prompt_template lists distinct variables in order of first use",
          "[prompt_template]") {
  auto p = prompt_template::parse("{{b}} {{ a }} {{b}} {{inputs.question}}", "1");
  REQUIRE(p);
  CHECK(p->variables() == std::vector<std::string>{"b", "a", "inputs.question"});
}

TEST_CASE("prompt_template without placeholders has no variables", "[prompt_template]") {
  auto p = prompt_template::parse("plain text, single { braces }", "1");
  REQUIRE(p);
  CHECK(p->variables().empty());
  auto out = p->render(from({}));
  REQUIRE(out);
  CHECK(*out == "plain text, single { braces }");
}

TEST_CASE("prompt_template renders every placeholder", "[prompt_template]") {
  auto p = prompt_template::parse("Q: {{question}}\nS: {{ source }} ({{question}})", "1");
  REQUIRE(p);
  auto out = p->render(from({{"question", "why?"}, {"source", "doc 1"}}));
  REQUIRE(out);
  CHECK(*out == "Q: why?\nS: doc 1 (why?)");
}

TEST_CASE("prompt_template render fails naming a missing variable", "[prompt_template]") {
  auto p = prompt_template::parse("{{question}} {{source}}", "1");
  REQUIRE(p);
  auto out = p->render(from({{"question", "why?"}}));
  REQUIRE_FALSE(out);
  CHECK_THAT(caf::to_string(out.error()), Catch::Contains("'source'"));
}

TEST_CASE("prompt_template rejects an unclosed placeholder", "[prompt_template]") {
  auto p = prompt_template::parse("Hello {{name", "1");
  REQUIRE_FALSE(p);
  CHECK_THAT(caf::to_string(p.error()), Catch::Contains("unclosed"));
}

TEST_CASE("prompt_template rejects an empty placeholder", "[prompt_template]") {
  auto p = prompt_template::parse("Hello {{  }}", "1");
  REQUIRE_FALSE(p);
  CHECK_THAT(caf::to_string(p.error()), Catch::Contains("empty"));
}

TEST_CASE("prompt_template hash fingerprints the text", "[prompt_template]") {
  auto a = prompt_template::parse("Summarize {{source}}.", "1");
  auto same = prompt_template::parse("Summarize {{source}}.", "2");
  auto other = prompt_template::parse("Summarise {{source}}.", "1");
  REQUIRE(a);
  REQUIRE(same);
  REQUIRE(other);
  CHECK(a->hash().size() == 16);
  CHECK(a->hash().find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a->hash() == same->hash());
  CHECK(a->hash() != other->hash());
}

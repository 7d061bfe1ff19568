#include "tools/html_text.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

TEST_CASE("html_to_text strips tags and keeps paragraphs apart", "[corpus]") {
  auto text = html_to_text("<body><p>Pumped <b>hydro</b> storage</p>\n<p>is old.</p>"
                           "<ul><li>one</li><li>two<br>lines</li></ul></body>");
  CHECK(text == "Pumped hydro storage\n\nis old.\n\none\n\ntwo\nlines");
}

TEST_CASE("html_to_text drops head, script, style and comments", "[corpus]") {
  auto text = html_to_text("<html><head><title>T</title><meta charset=utf-8></head>"
                           "<body><script>var hidden = 1;</script>"
                           "<style>p { color: red }</style><!-- secret -->"
                           "<p>visible</p><SCRIPT type=x>also hidden</SCRIPT></body>");
  CHECK(text == "visible");
}

TEST_CASE("html_to_text decodes the common entities", "[corpus]") {
  auto text = html_to_text("<p>AT&amp;T &lt;b&gt; &quot;q&quot; it&#39;s a&nbsp;b "
                           "caf&#233; &#x20AC; &#0; &bogus; a & b</p>");
  CHECK(text ==
        "AT&T <b> \"q\" it's a b caf\xC3\xA9 \xE2\x82\xAC \xEF\xBF\xBD &bogus; a & b");
}

TEST_CASE("html_to_text copes with broken markup", "[corpus]") {
  CHECK(html_to_text("1 < 2 and <a href='x>y'>link</a>") == "1 < 2 and link");
  CHECK(html_to_text("<p>cut off <b") == "cut off");
  CHECK(html_to_text("text <script>never closed") == "text");
  CHECK(html_to_text("<head><meta x=y><body>unclosed head</body>") == "unclosed head");
  CHECK(html_to_text("<!-- unterminated comment").empty());
}

TEST_CASE("html_title prefers <title>, then the first <h1>", "[corpus]") {
  CHECK(html_title("<title>\n  Grid &amp; Storage\n</title><h1>Other</h1>") ==
        "Grid & Storage");
  CHECK(html_title("<body><h1 class=big>Fire <em>safety</em>\n rules</h1><h1>2</h1>") ==
        "Fire safety rules");
  CHECK(html_title("<title>  </title><h1>Fallback</h1>") == "Fallback");
  CHECK(html_title("<p>no heading</p>").empty());
}

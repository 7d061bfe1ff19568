#pragma once

#include <string>
#include <string_view>

namespace troupe {

/// Builds plain text from markup: whitespace runs become one space, while
/// structural breaks (a <br>, the end of a paragraph) survive as a newline or
/// a blank line. Breaks and spaces are held back until the next text so the
/// result never starts or ends with whitespace.
class plain_text_writer {
public:
  /// Appends visible text; whitespace characters in it count as spaces.
  void text(std::string_view chars);

  /// Separates the surrounding text by at least one space.
  void space() { pending_space_ = true; }

  /// Ends the current line (a <br>).
  void line_break() { raise_break(1); }

  /// Ends the current paragraph (a block element such as <p> or <h2>).
  void paragraph_break() { raise_break(2); }

  const std::string& str() const { return out_; }

private:
  void raise_break(int level);
  void flush_pending();

  std::string out_;
  bool pending_space_ = false;
  int pending_break_ = 0;
};

} // namespace troupe

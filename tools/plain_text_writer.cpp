#include "tools/plain_text_writer.hpp"

#include <algorithm>

namespace troupe {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

void plain_text_writer::text(std::string_view chars) {
  for (char c : chars) {
    if (is_space(c)) {
      pending_space_ = true;
      continue;
    }
    flush_pending();
    out_ += c;
  }
}

void plain_text_writer::raise_break(int level) {
  pending_break_ = std::max(pending_break_, level);
}

void plain_text_writer::flush_pending() {
  // Leading separators are dropped: there is nothing to separate yet.
  if (!out_.empty()) {
    if (pending_break_ > 0)
      out_.append(static_cast<std::size_t>(pending_break_), '\n');
    else if (pending_space_)
      out_ += ' ';
  }
  pending_break_ = 0;
  pending_space_ = false;
}

} // namespace troupe

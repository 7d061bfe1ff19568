#pragma once

namespace troupe {

/// A place in a text file as editors show it: 1-based line and column, the
/// column counting characters (UTF-8 code points), not bytes.
struct text_position {
  int line = 0;
  int column = 0;
};

} // namespace troupe

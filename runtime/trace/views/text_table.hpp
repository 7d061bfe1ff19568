#pragma once

#include <string>
#include <vector>

namespace troupe {

/// Columns of text lined up for a terminal, two spaces between them.
class text_table {
public:
  /// `align` has an 'l' or 'r' per column; by default the first column is
  /// left-aligned (names) and the others right-aligned (numbers).
  explicit text_table(std::vector<std::string> header, std::string align = {});

  void add_row(std::vector<std::string> cells);

  bool empty() const noexcept { return rows_.size() == 1; }

  /// Every row, the header first, each line starting with `indent`.
  std::string render(const std::string& indent = "") const;

private:
  std::vector<std::vector<std::string>> rows_;
  std::string align_;
};

} // namespace troupe

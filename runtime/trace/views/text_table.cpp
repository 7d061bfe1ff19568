#include "runtime/trace/views/text_table.hpp"

#include <algorithm>

namespace troupe {

text_table::text_table(std::vector<std::string> header, std::string align)
    : align_(align.empty() ? "l" : std::move(align)) {
  align_.resize(header.size(), 'r');
  rows_.push_back(std::move(header));
}

void text_table::add_row(std::vector<std::string> cells) {
  cells.resize(rows_.front().size());
  rows_.push_back(std::move(cells));
}

std::string text_table::render(const std::string& indent) const {
  std::vector<std::size_t> widths(rows_.front().size(), 0);
  for (const auto& row : rows_)
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], row[i].size());
  std::string out;
  for (const auto& row : rows_) {
    std::string line = indent;
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::string pad(widths[i] - row[i].size(), ' ');
      line += i == 0 ? "" : "  ";
      line += align_[i] == 'l' ? row[i] + pad : pad + row[i];
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

} // namespace troupe

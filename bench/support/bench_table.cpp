#include "bench/support/bench_table.hpp"

#include <algorithm>
#include <cstdio>

namespace troupe::bench {

namespace {

/// Three significant figures or so, without exponents.
std::string number(double x) {
  char text[32];
  const char* format = x >= 1000 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f";
  std::snprintf(text, sizeof text, format, x);
  return text;
}

std::string cell_text(const spread& s) {
  if (s.min == s.max)
    return number(s.median);
  return number(s.median) + " (" + number(s.min) + "-" + number(s.max) + ")";
}

} // namespace

bench_table::bench_table(std::string title, std::vector<std::string> columns)
    : title_(std::move(title)), columns_(std::move(columns)) {}

void bench_table::add(const std::string& arm, const std::string& column, double value) {
  if (std::find(arms_.begin(), arms_.end(), arm) == arms_.end())
    arms_.push_back(arm);
  cells_[{arm, column}].push_back(value);
}

spread bench_table::at(const std::string& arm, const std::string& column) const {
  auto found = cells_.find({arm, column});
  return found == cells_.end() ? spread{} : spread_of(found->second);
}

void bench_table::print(std::ostream& out) const {
  out << "\n" << title_ << "\n\n| arm |";
  for (const auto& column : columns_)
    out << " " << column << " |";
  out << "\n|---|";
  for (std::size_t i = 0; i < columns_.size(); ++i)
    out << "---:|";
  out << "\n";
  for (const auto& arm : arms_) {
    out << "| " << arm << " |";
    for (const auto& column : columns_)
      out << " " << (cells_.count({arm, column}) ? cell_text(at(arm, column)) : "")
          << " |";
    out << "\n";
  }
}

boost::json::object bench_table::to_json() const {
  boost::json::array rows;
  for (const auto& arm : arms_) {
    boost::json::object row{{"arm", arm}};
    for (const auto& column : columns_) {
      auto found = cells_.find({arm, column});
      if (found == cells_.end())
        continue;
      auto s = spread_of(found->second);
      row[column] = {{"median", s.median},
                     {"min", s.min},
                     {"max", s.max},
                     {"samples", boost::json::value_from(found->second)}};
    }
    rows.push_back(std::move(row));
  }
  return {{"title", title_},
          {"columns", boost::json::value_from(columns_)},
          {"rows", std::move(rows)}};
}

} // namespace troupe::bench

#pragma once

#include "bench/support/spread.hpp"

#include <boost/json.hpp>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace troupe::bench {

/// A table of figures: one row per arm (what was measured), one column per
/// metric, one value per repetition in each cell. Printed as a Markdown
/// table of "median (min-max)" cells, so it can go into docs as it is.
class bench_table {
public:
  bench_table(std::string title, std::vector<std::string> columns);

  /// Records one repetition's `value` of `column` for `arm`. Rows keep the
  /// order in which their arms first appear.
  void add(const std::string& arm, const std::string& column, double value);

  /// The spread of a cell; all zeros when nothing was recorded there.
  spread at(const std::string& arm, const std::string& column) const;

  void print(std::ostream& out) const;
  boost::json::object to_json() const;

private:
  using cell_key = std::pair<std::string, std::string>; // arm, column
  std::string title_;
  std::vector<std::string> columns_;
  std::vector<std::string> arms_;
  std::map<cell_key, std::vector<double>> cells_;
};

} // namespace troupe::bench

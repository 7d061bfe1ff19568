#pragma once

#include "bench/support/bench_options.hpp"
#include "bench/support/bench_table.hpp"
#include "bench/support/machine_info.hpp"

#include <deque>
#include <ostream>
#include <string>
#include <vector>

namespace troupe::bench {

/// A target of issue 7 checked against a measured figure.
struct bench_target {
  std::string name;     // e.g. "router p50 latency"
  std::string goal;     // e.g. "<= 5 us"
  std::string measured; // the figure, as printed
  bool met = false;
};

/// Everything one benchmark found: its tables and targets, the machine and
/// the options it ran with. Printed for people, written as JSON for tools
/// to <out_dir>/<name>.json.
class bench_report {
public:
  bench_report(std::string name, std::string about, bench_options options);

  /// A new table; the reference stays valid for the report's lifetime.
  bench_table& add_table(std::string title, std::vector<std::string> columns);
  void add_target(bench_target target);

  /// A line printed after the tables and kept in the JSON.
  void add_note(std::string note);

  void print(std::ostream& out) const;

  /// Writes the JSON file and returns its path; throws when it cannot.
  std::string write() const;

private:
  std::string name_;
  std::string about_;
  bench_options options_;
  machine_info machine_;
  std::deque<bench_table> tables_;
  std::vector<bench_target> targets_;
  std::vector<std::string> notes_;
};

} // namespace troupe::bench

#pragma once

// The pricing tables the runs of a process read, each file read and checked
// once: a run used to parse its pricing file when it started, which was most
// of what starting a run cost. Runs may be started from several threads: a
// mutex guards the map (no actor waits on it). A file changed while the
// process runs is not read again.

#include "runtime/model/budget/pricing_table.hpp"
#include "runtime/scenario/config_error.hpp"

#include <map>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

namespace troupe {

class pricing_tables {
public:
  /// The table of `file` (empty: the shipped one), as pricing_table::load
  /// gives it; a file with problems is read again on the next call.
  std::variant<pricing_table, std::vector<config_error>> load(const std::string& file);

private:
  std::mutex mutex_;
  std::map<std::string, pricing_table> loaded_;
};

} // namespace troupe

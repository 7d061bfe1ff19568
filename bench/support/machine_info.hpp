#pragma once

#include <boost/json.hpp>
#include <string>

namespace troupe::bench {

/// Where figures came from: CPU model, cores, kernel, and the load average
/// when the benchmark started (other work on the machine skews results).
struct machine_info {
  std::string cpu_model;
  unsigned cores = 0;
  std::string kernel;
  double load_average = 0.0; // over the last minute

  static machine_info current();
  std::string summary() const;
  boost::json::object to_json() const;
};

} // namespace troupe::bench

#include "bench/support/spread.hpp"

#include <algorithm>

namespace troupe::bench {

spread spread_of(std::vector<double> values) {
  if (values.empty())
    return {};
  std::sort(values.begin(), values.end());
  auto n = values.size();
  auto median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return {median, values.front(), values.back()};
}

} // namespace troupe::bench

#pragma once

#include <vector>

namespace troupe::bench {

/// One figure over a benchmark's repetitions: the median is what is
/// reported, min and max show how much the machine let it wander.
struct spread {
  double median = 0.0;
  double min = 0.0;
  double max = 0.0;
};

/// The spread of `values`; all zeros when there are none.
spread spread_of(std::vector<double> values);

} // namespace troupe::bench

#pragma once

#include <boost/json.hpp>
#include <string>

namespace troupe {

/// One condition of a for_each step's `where`: an element of the list is kept
/// when the value at `ref` (`item` or `item.FIELD...`) is one of `accepted`.
/// `"item.complexity": "simple"` is the list of one value `["simple"]`; every
/// accepted value is a scalar (string, number, boolean or null).
struct item_condition {
  std::string ref;
  boost::json::array accepted;
};

} // namespace troupe

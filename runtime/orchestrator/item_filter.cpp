#include "runtime/orchestrator/item_filter.hpp"

#include <algorithm>

namespace troupe {

namespace {

bool same_scalar(const boost::json::value& a, const boost::json::value& b) {
  // Two integers compare exactly; through double, large ones would not.
  bool integers = (a.is_int64() || a.is_uint64()) && (b.is_int64() || b.is_uint64());
  if (a.is_number() && b.is_number() && !integers)
    return a.to_number<double>() == b.to_number<double>();
  return a == b;
}

} // namespace

item_filter::item_filter(const std::vector<item_condition>& conditions)
    : conditions_(conditions) {}

bool item_filter::keeps(const binding_context& element) const {
  return std::all_of(conditions_.begin(), conditions_.end(), [&](const auto& condition) {
    auto value = element.resolve(condition.ref);
    return value && std::any_of(condition.accepted.begin(), condition.accepted.end(),
                                [&](const auto& v) { return same_scalar(*value, v); });
  });
}

} // namespace troupe

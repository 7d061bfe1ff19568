#pragma once

// Reading bounded numbers out of configuration objects, with errors that
// name the place, the allowed range and an example. Shared by the readers
// of the models and budget sections.

#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace troupe {

/// The user-facing path of member `key` of the object at `pointer`.
std::string path_at(const std::string& pointer, const char* key);

/// `x` as people write it: "-0.5", not Boost.JSON's "-5E-1".
std::string number_text(double x);

/// `key` of `obj` when it is an integer from `low` to `high`; anything else
/// is reported and gives nothing.
std::optional<int64_t> integer_in(load_context& ctx, const boost::json::object& obj,
                                  const std::string& pointer, const char* key,
                                  int64_t low, int64_t high, const char* example);

/// A number range: from `low` (or more than `low` when `low_excluded`) to `high`.
struct number_range {
  double low;
  double high;
  bool low_excluded;

  bool holds(double x) const { return (low_excluded ? x > low : x >= low) && x <= high; }
  std::string describe() const;
};

/// `key` of `obj` when it is a number in `range`; anything else is reported.
std::optional<double> number_in(load_context& ctx, const boost::json::object& obj,
                                const std::string& pointer, const char* key,
                                number_range range, const char* example);

/// `key` of `obj` as a positive number of seconds, at most `most`.
std::optional<std::chrono::milliseconds>
seconds_in(load_context& ctx, const boost::json::object& obj, const std::string& pointer,
           const char* key, double most, const char* example);

} // namespace troupe

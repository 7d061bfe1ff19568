#include "runtime/scenario/config_fields.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace troupe {

std::string path_at(const std::string& pointer, const char* key) {
  return load_context::path_of(json_locator::child(pointer, key));
}

std::string number_text(double x) {
  std::ostringstream out;
  out << std::setprecision(15) << x;
  return out.str();
}

std::optional<int64_t> integer_in(load_context& ctx, const boost::json::object& obj,
                                  const std::string& pointer, const char* key,
                                  int64_t low, int64_t high, const char* example) {
  auto value = ctx.integer_field(obj, pointer, key);
  if (!value || (*value >= low && *value <= high))
    return value;
  ctx.at_value(json_locator::child(pointer, key),
               path_at(pointer, key) + " must be from " + std::to_string(low) + " to " +
                   std::to_string(high) + ", not " + std::to_string(*value),
               "e.g. \"" + std::string{key} + "\": " + example);
  return std::nullopt;
}

std::string number_range::describe() const {
  auto text = [](double x) { return std::to_string(std::llround(x)); };
  return low_excluded ? "more than " + text(low) + " and at most " + text(high)
                      : "from " + text(low) + " to " + text(high);
}

std::optional<double> number_in(load_context& ctx, const boost::json::object& obj,
                                const std::string& pointer, const char* key,
                                number_range range, const char* example) {
  auto value = ctx.number_field(obj, pointer, key);
  if (!value || range.holds(*value))
    return value;
  ctx.at_value(json_locator::child(pointer, key),
               path_at(pointer, key) + " must be " + range.describe() + ", not " +
                   number_text(*value),
               "e.g. \"" + std::string{key} + "\": " + example);
  return std::nullopt;
}

std::optional<std::chrono::milliseconds>
seconds_in(load_context& ctx, const boost::json::object& obj, const std::string& pointer,
           const char* key, double most, const char* example) {
  auto seconds = number_in(ctx, obj, pointer, key, {0, most, true}, example);
  if (!seconds)
    return std::nullopt;
  return std::chrono::milliseconds{std::max<long long>(1, std::llround(*seconds * 1000))};
}

} // namespace troupe

#include "runtime/scenario/limits_reader.hpp"

#include "runtime/scenario/json_locator.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace troupe {

namespace {

namespace json = boost::json;

// Long enough for any batch run, short enough that milliseconds never overflow.
constexpr double max_seconds = 365.0 * 24 * 3600;

void read_seconds(load_context& ctx, const json::object& limits, const char* key,
                  std::chrono::milliseconds& out) {
  auto seconds = ctx.number_field(limits, "/limits", key);
  if (!seconds)
    return;
  if (*seconds > 0 && *seconds <= max_seconds) {
    auto ms = std::llround(*seconds * 1000);
    out = std::chrono::milliseconds{std::max<long long>(1, ms)};
    return;
  }
  auto path = load_context::path_of(json_locator::child("/limits", key));
  ctx.at_value(json_locator::child("/limits", key),
               path + " must be more than 0 and at most " +
                   std::to_string(static_cast<long long>(max_seconds)) + " (a year)",
               "e.g. \"" + std::string{key} + "\": 120");
}

void read_count(load_context& ctx, const json::object& limits, const char* key,
                int64_t low, int64_t high, int& out, int example) {
  auto n = ctx.integer_field(limits, "/limits", key);
  if (!n)
    return;
  if (*n >= low && *n <= high) {
    out = static_cast<int>(*n);
    return;
  }
  auto path = load_context::path_of(json_locator::child("/limits", key));
  ctx.at_value(json_locator::child("/limits", key),
               path + " must be from " + std::to_string(low) + " to " +
                   std::to_string(high) + ", not " + std::to_string(*n),
               "e.g. \"" + std::string{key} + "\": " + std::to_string(example));
}

} // namespace

limits_spec read_limits(load_context& ctx, const json::object& root) {
  limits_spec limits;
  const auto* obj = ctx.object_field(root, "", "limits");
  if (obj == nullptr)
    return limits;
  ctx.check_keys(*obj, "/limits",
                 {"max_steps", "max_handoffs", "deadline_seconds", "step_timeout_seconds",
                  "timeout_retries", "max_restarts", "restart_window_seconds"});
  read_count(ctx, *obj, "max_steps", 1, INT_MAX, limits.max_steps, 50);
  read_count(ctx, *obj, "max_handoffs", 1, INT_MAX, limits.max_handoffs, 1000);
  read_seconds(ctx, *obj, "deadline_seconds", limits.deadline);
  read_seconds(ctx, *obj, "step_timeout_seconds", limits.step_timeout);
  read_count(ctx, *obj, "timeout_retries", 0, 10, limits.timeout_retries, 1);
  read_count(ctx, *obj, "max_restarts", 0, 100, limits.max_restarts, 3);
  read_seconds(ctx, *obj, "restart_window_seconds", limits.restart_window);
  return limits;
}

} // namespace troupe

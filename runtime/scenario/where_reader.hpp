#pragma once

#include "runtime/scenario/item_condition.hpp"
#include "runtime/scenario/load_context.hpp"

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// Reads the `where` of one flow step: which elements of its `for_each` list
/// get a task. Each key is a bare reference into the element (`item` or
/// `item.FIELD...`); each value a scalar, or a non-empty array of scalars
/// meaning "one of". A `where` without `for_each` has nothing to filter.
class where_reader {
public:
  /// `step_name` says which step, e.g. "step 'answer'", for messages.
  where_reader(load_context& ctx, std::string step_name);

  /// The conditions of the step object `step` at `pointer`; none when it has
  /// no `where` or the `where` is broken (then reported).
  std::vector<item_condition> read(const boost::json::object& step,
                                   const std::string& pointer);

private:
  std::optional<item_condition> read_condition(const boost::json::key_value_pair& member,
                                               const std::string& pointer);
  bool check_key(std::string_view key, const std::string& pointer);
  std::optional<boost::json::array> read_accepted(const boost::json::value& value,
                                                  const std::string& pointer,
                                                  const std::string& ref);
  bool check_scalar(const boost::json::value& value, const std::string& pointer,
                    const std::string& ref);

  load_context& ctx_;
  std::string step_name_;
  std::string for_each_; // the step's list, for hints; "" when not a string
};

} // namespace troupe

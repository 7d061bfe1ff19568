#pragma once

#include "runtime/orchestrator/binding_context.hpp"
#include "runtime/scenario/item_condition.hpp"

#include <vector>

namespace troupe {

/// Decides which elements of a for_each list get a task, by the step's
/// `where`: an element is kept when every condition's reference resolves to
/// one of its accepted values. A missing field matches nothing, not even
/// null. Numbers compare by value (`2` equals `2.0`, as agents may write
/// either); other values only equal the same JSON (`"2"` is not `2`).
class item_filter {
public:
  /// No conditions keep every element.
  explicit item_filter(const std::vector<item_condition>& conditions);

  /// Whether the element `item` binds in `element` is kept.
  bool keeps(const binding_context& element) const;

private:
  const std::vector<item_condition>& conditions_;
};

} // namespace troupe

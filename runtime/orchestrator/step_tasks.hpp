#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace troupe {

/// The tasks one execution of a step sends: the single task of a plain step,
/// or a task per element of a for_each list that the step's `where` keeps.
/// `item_indexes` holds each task's element index in the whole list, so a
/// trace still points at the right element when `where` skipped some.
struct step_tasks {
  std::vector<boost::json::value> inputs; // one per task, in list order
  std::vector<int32_t> item_indexes;      // one per task; -1 without for_each
  size_t skipped = 0;                     // elements `where` left out
};

} // namespace troupe

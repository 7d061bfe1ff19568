#include "runtime/trace/event_attributes.hpp"

#include <new>

namespace troupe {

namespace {

// Enough for the attributes of most events, prompts aside, in one block.
constexpr std::size_t first_block_bytes = 1024;

} // namespace

boost::json::storage_ptr event_storage() {
  return boost::json::make_shared_resource<boost::json::monotonic_resource>(
      first_block_bytes);
}

boost::json::object event_object() {
  return boost::json::object{event_storage()};
}

void set_attributes(trace_event& event, boost::json::object&& attributes) noexcept {
  // The move constructor takes the object's resource along; assignment
  // would not. Both are noexcept.
  event.attributes.~value();
  ::new (&event.attributes) boost::json::value(std::move(attributes));
}

} // namespace troupe

#pragma once

// A trace event's attributes live in a memory resource of their own: one
// monotonic block per event instead of a malloc per key and string, freed at
// once (Boost.JSON skips the element destructors of such a resource) on the
// sink's thread. Events are built on the router for every call, so in a
// profile their allocations were a large part of a call's cost.

#include "runtime/messages/trace_event.hpp"

#include <boost/json.hpp>

namespace troupe {

/// A fresh resource for one event's attributes.
boost::json::storage_ptr event_storage();

/// An empty attributes object in a fresh resource.
boost::json::object event_object();

/// Moves `attributes` into `event`, keeping their resource: Boost.JSON's
/// assignment would copy them into the resource of the target instead.
void set_attributes(trace_event& event, boost::json::object&& attributes) noexcept;

} // namespace troupe

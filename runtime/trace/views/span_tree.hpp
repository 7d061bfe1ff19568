#pragma once

#include "runtime/trace/recorded_trace.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace troupe {

/// One span of a run: the events recorded on it (a task's span holds its
/// task and result events) and the spans below it.
struct span_node {
  std::string id;
  std::vector<const recorded_event*> events; // in file order
  std::vector<std::size_t> children;         // by start time
  std::size_t depth = 0;                     // 0 for a root
  int64_t start_us = 0;                      // the earliest of its events
  double cost_usd = 0;                       // of its events and all below
};

/// The run as a tree of spans: run -> step execution -> task -> model or
/// tool call -> attempt, with the router's point events below their call.
/// Span ids are paths, so a span's parent is the nearest recorded span
/// whose id is a prefix of its own (what parent_span_id names in a
/// well-formed trace). Taken from the ids, the tree holds whatever the
/// file does: a cut trace whose model call was never written shows the
/// call's attempts below its task.
class span_tree {
public:
  /// Refers to the events of `trace`, which must outlive the tree.
  explicit span_tree(const recorded_trace& trace);

  const std::vector<std::size_t>& roots() const noexcept { return roots_; }

  const span_node& node(std::size_t index) const { return nodes_[index]; }

  /// Every node, depth first, children in time order.
  std::vector<std::size_t> depth_first() const;

private:
  void add(const recorded_event& event);
  std::vector<std::size_t> link();
  void attach(const std::vector<std::size_t>& parents);
  std::size_t parent_of(const span_node& node) const;

  std::vector<span_node> nodes_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::vector<std::size_t> roots_;
};

} // namespace troupe

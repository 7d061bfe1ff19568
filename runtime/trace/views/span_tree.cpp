#include "runtime/trace/views/span_tree.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>

namespace troupe {

namespace {

// How far up a span looks for its parent: real spans are at most six
// levels deep, and a hostile id with a million parts must not cost a
// million lookups.
constexpr int max_parent_levels = 16;

constexpr std::size_t no_parent = static_cast<std::size_t>(-1);

} // namespace

span_tree::span_tree(const recorded_trace& trace) {
  for (const auto& e : trace.events)
    add(e);
  attach(link());
}

void span_tree::add(const recorded_event& e) {
  auto found = index_.find(e.event.span_id);
  if (found == index_.end()) {
    found = index_.emplace(e.event.span_id, nodes_.size()).first;
    nodes_.push_back({e.event.span_id, {}, {}, 0, e.event.ts_us, 0});
  }
  auto& node = nodes_[found->second];
  node.start_us = std::min(node.start_us, e.event.ts_us);
  node.cost_usd += e.event.cost_usd;
  node.events.push_back(&e);
}

std::size_t span_tree::parent_of(const span_node& node) const {
  std::string_view id = node.id;
  for (int level = 0; level < max_parent_levels; ++level) {
    auto last = id.rfind('/');
    if (last == std::string_view::npos)
      return no_parent;
    id = id.substr(0, last);
    if (auto found = index_.find(id); found != index_.end())
      return found->second;
  }
  return no_parent;
}

std::vector<std::size_t> span_tree::link() {
  // A parent's id is shorter than its children's: in order of length,
  // every parent has its depth before its children, and in the reverse
  // order every child has its subtree's cost before its parent adds it.
  std::vector<std::size_t> order(nodes_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    return nodes_[a].id.size() < nodes_[b].id.size();
  });
  std::vector<std::size_t> parents(nodes_.size(), no_parent);
  for (auto index : order) {
    parents[index] = parent_of(nodes_[index]);
    if (parents[index] != no_parent)
      nodes_[index].depth = nodes_[parents[index]].depth + 1;
  }
  for (auto i = order.rbegin(); i != order.rend(); ++i)
    if (parents[*i] != no_parent)
      nodes_[parents[*i]].cost_usd += nodes_[*i].cost_usd;
  return parents;
}

void span_tree::attach(const std::vector<std::size_t>& parents) {
  auto earlier = [this](std::size_t a, std::size_t b) {
    return nodes_[a].start_us < nodes_[b].start_us;
  };
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    (parents[i] == no_parent ? roots_ : nodes_[parents[i]].children).push_back(i);
  for (auto& node : nodes_)
    std::stable_sort(node.children.begin(), node.children.end(), earlier);
  std::stable_sort(roots_.begin(), roots_.end(), earlier);
}

std::vector<std::size_t> span_tree::depth_first() const {
  std::vector<std::size_t> out;
  std::vector<std::size_t> stack(roots_.rbegin(), roots_.rend());
  while (!stack.empty()) {
    auto index = stack.back();
    stack.pop_back();
    out.push_back(index);
    const auto& children = nodes_[index].children;
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return out;
}

} // namespace troupe

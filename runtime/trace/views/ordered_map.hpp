#pragma once

#include <map>
#include <string>
#include <vector>

namespace troupe {

/// A map that keeps its keys in the order they first appeared: the views
/// list steps, agents and models in the order the run met them.
template <class T> struct ordered_map {
  std::vector<std::string> keys;
  std::map<std::string, T> values;

  T& operator[](const std::string& key) {
    if (!values.count(key))
      keys.push_back(key);
    return values[key];
  }

  /// The value at `key`, or nullptr.
  const T* find(const std::string& key) const {
    auto found = values.find(key);
    return found == values.end() ? nullptr : &found->second;
  }
};

} // namespace troupe

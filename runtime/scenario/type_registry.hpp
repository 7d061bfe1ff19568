#pragma once

#include <map>
#include <string>
#include <vector>

namespace troupe {

/// Component types (agents, tools) by name. Filled once at start-up and
/// read-only afterwards, so it can be shared by const reference.
template <class Type> class type_registry {
public:
  /// Adds `type`; a second type with the same name replaces the first.
  void add(Type type) {
    auto name = type.name;
    types_.insert_or_assign(std::move(name), std::move(type));
  }

  /// Returns the type called `name`, or nullptr.
  const Type* find(const std::string& name) const {
    auto i = types_.find(name);
    return i == types_.end() ? nullptr : &i->second;
  }

  /// All registered names, sorted.
  std::vector<std::string> names() const {
    std::vector<std::string> result;
    for (const auto& kvp : types_)
      result.push_back(kvp.first);
    return result;
  }

private:
  std::map<std::string, Type> types_;
};

} // namespace troupe

#pragma once

// What the runs of one process share of their tools: one instance per key,
// e.g. one corpus searcher per index file, so that ten thousand runs over one
// corpus open its SQLite index once instead of ten thousand times. A tool
// type's factory asks for its instance; the first run that asks makes it.
// The instances live until stop_all, which the process's services call when
// they stop. Called by whoever starts runs, possibly from several threads:
// a mutex guards the map (no actor waits on it).

#include <caf/expected.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace troupe {

class tool_instances {
public:
  /// The instance under `key`, or a new one from `make` (a function
  /// returning caf::expected<std::shared_ptr<T>>, T with a `stop()` member).
  /// One key holds one type: use the tool type's name as its prefix.
  template <class T, class Make>
  caf::expected<std::shared_ptr<T>> find_or_make(const std::string& key, Make make) {
    std::lock_guard<std::mutex> guard{mutex_};
    if (auto i = entries_.find(key); i != entries_.end())
      return std::static_pointer_cast<T>(i->second.instance);
    caf::expected<std::shared_ptr<T>> made = make();
    if (made)
      entries_.emplace(key, entry{*made, [instance = *made] { instance->stop(); }});
    return made;
  }

  /// Stops every instance and forgets it.
  void stop_all();

private:
  struct entry {
    std::shared_ptr<void> instance;
    std::function<void()> stop;
  };
  std::mutex mutex_;
  std::map<std::string, entry> entries_;
};

} // namespace troupe

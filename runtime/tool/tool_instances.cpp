#include "runtime/tool/tool_instances.hpp"

namespace troupe {

void tool_instances::stop_all() {
  std::map<std::string, entry> entries;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    entries.swap(entries_);
  }
  for (auto& [key, e] : entries)
    e.stop();
}

} // namespace troupe

#include "runtime/orchestrator/pricing_tables.hpp"

namespace troupe {

std::variant<pricing_table, std::vector<config_error>>
pricing_tables::load(const std::string& file) {
  std::lock_guard<std::mutex> guard{mutex_};
  if (auto i = loaded_.find(file); i != loaded_.end())
    return i->second;
  auto loaded = pricing_table::load(file);
  if (auto* table = std::get_if<pricing_table>(&loaded))
    loaded_.emplace(file, *table);
  return loaded;
}

} // namespace troupe

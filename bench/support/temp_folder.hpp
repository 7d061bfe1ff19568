#pragma once

#include <string>

namespace troupe::bench {

/// A fresh folder under the system's temporary directory, removed with
/// everything in it when the object goes: benchmarks that write run folders
/// or indexes leave nothing behind, and never touch the user's cache.
class temp_folder {
public:
  /// Creates "<tmp>/<prefix>-XXXXXX"; throws when it cannot.
  explicit temp_folder(const std::string& prefix);
  ~temp_folder();
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;

  const std::string& path() const { return path_; }

  /// `name` inside the folder.
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

private:
  std::string path_;
};

} // namespace troupe::bench

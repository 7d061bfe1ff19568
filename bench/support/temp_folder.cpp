#include "bench/support/temp_folder.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace troupe::bench {

namespace fs = std::filesystem;

temp_folder::temp_folder(const std::string& prefix) {
  auto pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  std::vector<char> name{pattern.begin(), pattern.end()};
  name.push_back('\0');
  if (::mkdtemp(name.data()) == nullptr)
    throw std::runtime_error("cannot create a temporary folder " + pattern);
  path_ = name.data();
}

temp_folder::~temp_folder() {
  std::error_code ec; // a folder that cannot be removed is not worth a crash
  fs::remove_all(path_, ec);
}

} // namespace troupe::bench

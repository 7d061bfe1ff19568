#pragma once

// Shared by the test files: an actor system configured like the CLI's, and
// a temporary folder that removes itself.

#include "runtime/system_setup.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <filesystem>
#include <random>
#include <string>

namespace troupe::test {

struct test_config : caf::actor_system_config {
  test_config() { add_troupe_types(*this); }
};

struct test_system {
  test_config cfg;
  caf::actor_system sys{cfg};
};

class temp_dir {
public:
  temp_dir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("troupe-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  std::string str() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
  std::filesystem::path path_;
};

} // namespace troupe::test

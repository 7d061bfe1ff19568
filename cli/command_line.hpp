#pragma once

#include <caf/expected.hpp>
#include <map>
#include <string>
#include <vector>

namespace troupe {

/// A parsed `troupe` command line.
struct command_line {
  std::string command; // run, validate, help, version
  std::string scenario;
  std::map<std::string, std::string> inputs;
  std::string out_dir;
  bool capture_content = true;
  bool quiet = false;
};

/// Parses `args` (without the program name); fails with a message that says
/// what is wrong and what to type instead.
caf::expected<command_line> parse_command_line(const std::vector<std::string>& args);

/// The text `troupe help` prints.
const char* usage_text();

} // namespace troupe

#pragma once

#include "cli/trace_arguments.hpp"

#include <caf/expected.hpp>
#include <map>
#include <string>
#include <vector>

namespace troupe {

/// A parsed `troupe` command line.
struct command_line {
  std::string command;  // run, resume, validate, node, agents, trace, help, version
  std::string scenario; // the scenario file; for resume, the run's folder
  std::map<std::string, std::string> inputs;
  std::string out_dir;
  bool capture_content = true;
  bool write_trace = true; // --trace off writes no trace.jsonl
  bool quiet = false;
  std::string providers_file; // --providers FILE
  bool use_cache = true;      // --no-cache turns it off
  std::string base_url;       // --base-url: an OpenAI-compatible endpoint tried first
  std::string model;          // --model: the model name at --base-url
  std::string api_key_env;    // --api-key-env: the variable holding its key
  double max_usd = -1;        // --max-usd: a cap on the run's spend; -1 none
  std::vector<std::string> plugins; // --plugin PATH, repeatable: agent plugins
  std::string approval;             // "approve", "reject" or "" (ask at a terminal)
  trace_arguments trace;            // what `troupe trace` was asked for
  /// --place AGENT=HOST:PORT[,HOST:PORT...], repeatable: puts an agent on
  /// `troupe node`s, replacing the nodes of its placement in the scenario.
  std::map<std::string, std::vector<std::string>> placements;
  // troupe node
  std::string listen;              // --listen HOST:PORT
  std::vector<std::string> hosted; // --agents TYPE,...: empty hosts every type
  std::string allow;               // --allow ADDRESS|CIDR,...: default loopback
};

/// Parses `args` (without the program name); fails with a message that says
/// what is wrong and what to type instead.
caf::expected<command_line> parse_command_line(const std::vector<std::string>& args);

/// The text `troupe help` prints.
const char* usage_text();

} // namespace troupe

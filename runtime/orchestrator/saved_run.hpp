#pragma once

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <string>
#include <vector>

namespace troupe {

/// The command-line options that shape how a scenario loads; a resumed run
/// loads its scenario with the same ones.
struct load_options {
  std::string providers_file;       // --providers, absolute
  std::vector<std::string> plugins; // --plugin, absolute
  std::string base_url;             // --base-url
  std::string model;                // --model
  std::string api_key_env;          // --api-key-env
  double max_usd = -1;              // --max-usd; -1 none
};

/// A run as its state.json describes it: enough to go on from its last
/// completed step with `troupe resume DIR`.
struct saved_run {
  std::string path; // the state.json read
  std::string run_id;
  std::string status; // "running" while it runs, else how it ended
  std::string scenario_file;
  std::string scenario_hash;  // content hash of the scenario file when it started
  load_options options;       // as given on the command line
  boost::json::object inputs; // the resolved run inputs
  bool capture_content = true;
  bool write_trace = true;
  bool use_cache = true;
  boost::json::object progress; // the orchestrator's last checkpoint
  double spent_usd = 0.0;
  int64_t spent_tokens = 0;
  int64_t spent_calls = 0;

  /// The fields state.json starts with, before progress and ledger.
  boost::json::object header() const;

  /// Reads DIR/state.json. Fails with errc::invalid_input naming the file,
  /// the field and what to do, for a missing file, bad JSON, another schema
  /// or a field that is missing or of the wrong type.
  static caf::expected<saved_run> read(const std::string& dir);
};

/// The name of the state file in a run's output folder.
constexpr const char* state_file_name = "state.json";

} // namespace troupe

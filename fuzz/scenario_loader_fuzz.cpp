// libFuzzer target: scenario files, as `troupe validate` and `troupe run`
// load them. The bytes are a scenario file's text; it is loaded with the
// built-in agent and tool registries against a scratch folder holding a copy
// of the repository's scenario data (prompts, corpus), so that the seeds from
// scenarios/*.json load and the fuzzer starts from valid files.
//
// Properties, besides no crash, hang, leak or sanitizer report:
//   - a loaded scenario comes with no error, a rejected one with at least one;
//   - every error names the file and has a message, valid UTF-8, and a
//     place inside the text (or none), in file order.

#include "agents/builtin_agents.hpp"
#include "fuzz/config_error_checks.hpp"
#include "fuzz/fuzz_property.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "tools/builtin_tools.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;
using troupe::fuzz::require;

/// A folder of this process's own with the scenario data copied in;
/// removed when the fuzzer exits.
class scratch_folder {
public:
  scratch_folder() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("troupe-fuzz-" + std::to_string(rd()));
    fs::create_directories(path_);
    std::error_code ec; // without the source tree, the folder stays empty
    fs::copy(fs::path{TROUPE_SOURCE_DIR} / "scenarios", path_,
             fs::copy_options::recursive, ec);
  }
  ~scratch_folder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  scratch_folder(const scratch_folder&) = delete;
  scratch_folder& operator=(const scratch_folder&) = delete;

  std::string path() const { return path_.string(); }

private:
  fs::path path_;
};

struct loader_setup {
  troupe::agent_registry agents;
  troupe::tool_registry tools;
  scratch_folder folder;
  troupe::scenario_loader loader{agents, tools};

  loader_setup() {
    troupe::register_builtin_agents(agents);
    troupe::register_builtin_tools(tools);
  }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static loader_setup setup;
  std::string text{reinterpret_cast<const char*>(data), size};
  auto result = setup.loader.load_text(text, "fuzz.json", setup.folder.path());
  require(result.spec.has_value() == result.errors.empty(),
          "a scenario is loaded exactly when there is no error");
  troupe::fuzz::check_config_errors(result.errors, text, "fuzz.json");
  return 0;
}

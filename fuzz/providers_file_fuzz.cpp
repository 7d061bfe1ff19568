// libFuzzer target: providers files (`troupe run --providers FILE`). The
// bytes are a providers file's text, loaded on its own against an empty
// folder.
//
// Properties, besides no crash, hang, leak or sanitizer report:
//   - a loaded file comes with no error, a rejected one with at least one;
//   - every error names the file and has a message, valid UTF-8, and a
//     place inside the text (or none), in file order.

#include "fuzz/config_error_checks.hpp"
#include "fuzz/fuzz_property.hpp"
#include "runtime/scenario/scenario_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using troupe::fuzz::require;
  static const auto base_dir = std::filesystem::temp_directory_path().string();
  std::string text{reinterpret_cast<const char*>(data), size};
  auto result = troupe::scenario_loader::load_providers_text(text, "fuzz.json", base_dir);
  require(result.spec.has_value() == result.errors.empty(),
          "a providers file is loaded exactly when there is no error");
  troupe::fuzz::check_config_errors(result.errors, text, "fuzz.json");
  return 0;
}

#include "runtime/agent/plugin_loader.hpp"

#include "runtime/agent/registry_catalog.hpp"
#include "runtime/errors.hpp"
#include "troupe/agent.hpp"

#include <algorithm>
#include <dlfcn.h>
#include <filesystem>

namespace troupe {

namespace {

using version_fn = int (*)();
using register_fn = void (*)(agent_catalog&);

constexpr const char* entry_point_hint =
    "define the entry points with TROUPE_PLUGIN(catalog) { ... } from troupe/agent.hpp";

/// Registers into the registry, refusing names that are taken: a plugin
/// must not silently replace a built-in type or another plugin's.
class checked_catalog : public agent_catalog {
public:
  checked_catalog(agent_registry& registry, std::string path)
      : registry_(registry), path_(std::move(path)) {}

  using agent_catalog::add;
  void add(agent_info info, agent_maker make) override {
    if (info.name.empty() || registry_.find(info.name) != nullptr || !make) {
      problem_ =
          info.name.empty() ? "registers an agent type without a name"
          : make ? "registers agent type '" + info.name + "', which is already registered"
                 : "registers agent type '" + info.name + "' without a way to make it";
      return;
    }
    names_.push_back(info.name);
    pending_.push_back(agent_type_of(std::move(info), std::move(make)));
  }

  /// Adds what was registered, all or nothing.
  caf::expected<std::vector<std::string>> commit() {
    if (!problem_.empty())
      return make_error(errc::invalid_input, "plugin '" + path_ + "' " + problem_ +
                                                 "; agent type names must be unique");
    for (auto& t : pending_)
      registry_.add(std::move(t));
    return names_;
  }

private:
  agent_registry& registry_;
  std::string path_;
  std::string problem_;
  std::vector<std::string> names_;
  std::vector<agent_type> pending_;
};

caf::error bad_plugin(const std::string& path, const std::string& what,
                      const std::string& fix) {
  return make_error(errc::invalid_input, "plugin '" + path + "' " + what + "; " + fix);
}

caf::expected<void*> open_library(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return bad_plugin(path, "does not exist or is not a file",
                      "give the path of the plugin's .so file");
  auto* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr)
    return bad_plugin(path, std::string{"does not load: "} + dlerror(),
                      "build it against this troupe's headers and library "
                      "(find_package(Troupe), troupe_add_plugin)");
  return handle;
}

caf::expected<register_fn> entry_points(void* handle, const std::string& path) {
  auto version = reinterpret_cast<version_fn>(dlsym(handle, "troupe_plugin_api_version"));
  if (version == nullptr)
    return bad_plugin(path,
                      "is not a Troupe plugin: it exports no troupe_plugin_api_version()",
                      entry_point_hint);
  if (auto v = version(); v != TROUPE_AGENT_API_VERSION)
    return bad_plugin(path,
                      "was built for agent API version " + std::to_string(v) +
                          ", and this troupe has version " +
                          std::to_string(TROUPE_AGENT_API_VERSION),
                      "rebuild the plugin against this troupe's troupe/agent.hpp");
  auto reg = reinterpret_cast<register_fn>(dlsym(handle, "troupe_register_plugin"));
  if (reg == nullptr)
    return bad_plugin(path, "exports no troupe_register_plugin()", entry_point_hint);
  return reg;
}

} // namespace

caf::expected<std::vector<std::string>> plugin_loader::load(const std::string& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec).string();
  if (std::find(loaded_.begin(), loaded_.end(), canonical) != loaded_.end())
    return std::vector<std::string>{};
  auto handle = open_library(path);
  if (!handle)
    return handle.error();
  auto reg = entry_points(*handle, path);
  if (!reg) {
    dlclose(*handle); // nothing of it runs yet
    return reg.error();
  }
  checked_catalog catalog{registry_, path};
  try {
    (*reg)(catalog);
  } catch (const std::exception& e) {
    return bad_plugin(path, std::string{"threw while registering: "} + e.what(),
                      "fix the plugin's TROUPE_PLUGIN function");
  }
  auto names = catalog.commit();
  if (names)
    loaded_.push_back(canonical);
  return names;
}

} // namespace troupe

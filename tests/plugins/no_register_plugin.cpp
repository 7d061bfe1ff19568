// A plugin with the version entry point but no registration function.

#include <troupe/agent.hpp>

extern "C" int troupe_plugin_api_version() {
  return TROUPE_AGENT_API_VERSION;
}

// A plugin built for another agent API version: troupe must refuse it
// before running any of its code beyond the version query.

#include <troupe/agent.hpp>

extern "C" int troupe_plugin_api_version() {
  return TROUPE_AGENT_API_VERSION + 998;
}

extern "C" void troupe_register_plugin(troupe::agent_catalog&) {
  throw std::logic_error{"a plugin of the wrong version must not be registered"};
}

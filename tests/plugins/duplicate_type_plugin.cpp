// A plugin that tries to register a type name the built-ins already use,
// next to a new one: neither may be added.

#include <troupe/agent.hpp>

namespace {

class echo : public troupe::agent {
public:
  void on_task(troupe::task_context ctx) override { ctx.reply(ctx.input()); }
};

troupe::agent_info named(const char* name) {
  troupe::agent_info i;
  i.name = name;
  i.description = "answers with its input";
  return i;
}

} // namespace

TROUPE_PLUGIN(catalog) {
  catalog.add<echo>(named("echo_from_plugin"));
  catalog.add<echo>(named("search"));
}

#include "runtime/agent/agent_host.hpp"

#include "runtime/agent/task_frame.hpp"
#include "runtime/errors.hpp"

namespace troupe {

agent_actor::behavior_type
agent_host(agent_actor::stateful_pointer<agent_host_state> self, agent_env env,
           agent_maker make) {
  auto crash = self->state.crash;
  self->set_exception_handler([crash](caf::scheduled_actor*, std::exception_ptr& ptr) {
    if (!*crash)
      *crash = detail::crash_reason(ptr);
    return *crash;
  });
  self->state.env = std::make_shared<const agent_env>(std::move(env));
  self->state.impl = make();
  return {
      [self](task& t) -> caf::result<agent_result> {
        auto promise = self->make_response_promise<agent_result>();
        auto frame = std::make_shared<detail::task_frame>(
            self, self->state.env, std::move(t), promise, self->state.crash);
        frame->run_guarded([&] { self->state.impl->on_task(task_context{frame}); });
        return promise;
      },
  };
}

} // namespace troupe

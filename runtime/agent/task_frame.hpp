#pragma once

#include "runtime/agent/agent_actor.hpp"
#include "runtime/agent/agent_env.hpp"
#include "runtime/messages/task.hpp"

#include <caf/error.hpp>
#include <caf/typed_response_promise.hpp>
#include <exception>
#include <memory>

namespace troupe::detail {

/// What a task_context refers to: one task, the agent it was given to and
/// the promise that answers it. Shared by every copy of the context; when
/// the last copy goes without an answer, the task fails instead of hanging
/// until the step timeout.
class task_frame {
public:
  using promise_type = caf::typed_response_promise<agent_result>;

  /// `crash` is shared with the agent's host: when the agent threw, the
  /// task fails with that cause rather than "dropped without an answer".
  task_frame(agent_actor::pointer self, std::shared_ptr<const agent_env> env, task t,
             promise_type promise, std::shared_ptr<caf::error> crash);
  ~task_frame();

  task_frame(const task_frame&) = delete;
  task_frame& operator=(const task_frame&) = delete;

  agent_actor::pointer self() const { return self_; }
  const agent_env& env() const { return *env_; }
  const task& current() const { return task_; }
  const boost::json::object& input() const;
  bool answered() const { return answered_; }

  /// Answers the task; a second answer is ignored with an error in the log.
  void deliver(agent_result result);
  void deliver(caf::error err);

  /// Runs agent code for this task. An exception fails the task with the
  /// exception's text, records it as the host's crash and is rethrown, so
  /// the host exits with the same cause.
  template <class F> void run_guarded(F&& f) {
    try {
      f();
    } catch (...) {
      crashed(std::current_exception());
      throw;
    }
  }

  /// A span id under the task's span for its n-th call of `kind`.
  std::string next_span(const std::string& kind);

private:
  bool settle(const char* what);
  void crashed(std::exception_ptr ptr);

  agent_actor::pointer self_;
  std::shared_ptr<const agent_env> env_;
  task task_;
  promise_type promise_;
  std::shared_ptr<caf::error> crash_;
  bool answered_ = false;
  int calls_ = 0;
};

/// The agent_crashed error for an exception an agent threw.
caf::error crash_reason(std::exception_ptr ptr);

} // namespace troupe::detail

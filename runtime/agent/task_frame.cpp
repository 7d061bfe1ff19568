#include "runtime/agent/task_frame.hpp"

#include "runtime/errors.hpp"

#include <spdlog/spdlog.h>

namespace troupe::detail {

task_frame::task_frame(agent_actor::pointer self, std::shared_ptr<const agent_env> env,
                       task t, promise_type promise, std::shared_ptr<caf::error> crash)
    : self_(self), env_(std::move(env)), task_(std::move(t)),
      promise_(std::move(promise)), crash_(std::move(crash)) {
  // An object input is what agents expect; anything else reads as empty.
  if (!task_.inputs.is_object())
    task_.inputs = boost::json::object{};
}

task_frame::~task_frame() {
  if (answered_)
    return;
  if (crash_ && *crash_)
    promise_.deliver(*crash_);
  else
    promise_.deliver(make_error(errc::agent_failed, "agent '" + env_->spec.id +
                                                        "' (type " + env_->spec.type +
                                                        ") ended task " + task_.span_id +
                                                        " without reply() or fail()"));
}

const boost::json::object& task_frame::input() const {
  return task_.inputs.as_object();
}

bool task_frame::settle(const char* what) {
  if (answered_) {
    spdlog::error("agent '{}' called {} on task {} after it was answered; ignored",
                  env_->spec.id, what, task_.span_id);
    return false;
  }
  answered_ = true;
  return true;
}

void task_frame::deliver(agent_result result) {
  if (settle("reply"))
    promise_.deliver(std::move(result));
}

void task_frame::deliver(caf::error err) {
  if (settle("fail"))
    promise_.deliver(std::move(err));
}

void task_frame::crashed(std::exception_ptr ptr) {
  *crash_ = crash_reason(std::move(ptr));
  if (!answered_) {
    answered_ = true;
    promise_.deliver(*crash_);
  }
}

caf::error crash_reason(std::exception_ptr ptr) {
  try {
    std::rethrow_exception(std::move(ptr));
  } catch (const std::exception& e) {
    return make_error(errc::agent_crashed,
                      std::string{"unhandled exception: "} + e.what());
  } catch (...) {
    return make_error(errc::agent_crashed, "unhandled exception of unknown type");
  }
}

std::string task_frame::next_span(const std::string& kind) {
  return task_.span_id + "/" + kind + std::to_string(++calls_);
}

} // namespace troupe::detail

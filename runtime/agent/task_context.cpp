#include "runtime/agent/prompt_request.hpp"
#include "runtime/agent/task_frame.hpp"
#include "runtime/errors.hpp"
#include "runtime/trace/trace_event_json.hpp"
#include "troupe/agent.hpp"

namespace troupe {

namespace {

model_answer answer_of(model_response& resp) {
  model_answer a;
  a.text = std::move(resp.text);
  a.provider = std::move(resp.provider);
  a.model = std::move(resp.model);
  a.input_tokens = resp.input_tokens;
  a.output_tokens = resp.output_tokens;
  a.cost_usd = resp.cost_usd;
  a.cached = resp.cached;
  return a;
}

/// Answers that gather the replies of ask_model_all, in prompt order.
struct answer_gather {
  std::vector<model_answer> answers;
  size_t pending = 0;
  std::function<void(std::vector<model_answer>&)> on_all;
};

} // namespace

task_context::task_context(std::shared_ptr<detail::task_frame> frame)
    : frame_(std::move(frame)) {}

const boost::json::object& task_context::input() const {
  return frame_->input();
}

const boost::json::object& task_context::params() const {
  return frame_->env().spec.params;
}

const std::string& task_context::agent_id() const {
  return frame_->env().spec.id;
}

const std::string& task_context::run_id() const {
  return frame_->current().run_id;
}

const std::string& task_context::step_id() const {
  return frame_->current().step_id;
}

int task_context::round() const {
  return frame_->current().round;
}

int task_context::item_index() const {
  return frame_->current().item_index;
}

void task_context::ask_model(model_prompt prompt, answer_handler on_answer) {
  auto self = *this;
  ask_model(std::move(prompt), std::move(on_answer),
            [self](const caf::error& err) mutable { self.fail_once(err); });
}

void task_context::ask_model(model_prompt prompt, answer_handler on_answer,
                             error_handler on_error) {
  auto req = make_model_request(frame_->env(), frame_->current(), prompt);
  if (!req) {
    on_error(req.error());
    return;
  }
  auto frame = frame_;
  auto want_json = prompt.json;
  frame->self()
      ->request(frame->env().router, caf::infinite, std::move(*req))
      .then(
          [frame, want_json, on_answer, on_error](model_response& resp) {
            auto answer = answer_of(resp);
            if (want_json) {
              auto parsed = parse_json_answer(answer.text);
              if (!parsed) {
                frame->run_guarded([&] { on_error(parsed.error()); });
                return;
              }
              answer.json = std::move(*parsed);
            }
            frame->run_guarded([&] { on_answer(answer); });
          },
          [frame, on_error](caf::error& err) {
            frame->run_guarded([&] { on_error(err); });
          });
}

void task_context::ask_model_all(std::vector<model_prompt> prompts,
                                 std::function<void(std::vector<model_answer>&)> on_all) {
  auto gather = std::make_shared<answer_gather>();
  gather->answers.resize(prompts.size());
  gather->pending = prompts.size();
  gather->on_all = std::move(on_all);
  if (prompts.empty()) {
    gather->on_all(gather->answers);
    return;
  }
  for (size_t i = 0; i < prompts.size(); ++i) {
    auto self = *this;
    ask_model(
        std::move(prompts[i]),
        [gather, i](model_answer& a) {
          gather->answers[i] = std::move(a);
          if (--gather->pending == 0)
            gather->on_all(gather->answers);
        },
        [self, gather](const caf::error& err) mutable {
          gather->pending = SIZE_MAX; // later answers must not complete it
          self.fail_once(err);
        });
  }
}

void task_context::call_tool(const std::string& tool_param, boost::json::object args,
                             tool_handler on_result) {
  auto self = *this;
  call_tool(tool_param, std::move(args), std::move(on_result),
            [self](const caf::error& err) mutable { self.fail_once(err); });
}

void task_context::call_tool(const std::string& tool_param, boost::json::object args,
                             tool_handler on_result, error_handler on_error) {
  const auto& env = frame_->env();
  const auto* tool_id = env.spec.params.if_contains(tool_param);
  auto tool = tool_id != nullptr && tool_id->is_string()
                  ? env.tools.find(std::string{tool_id->as_string()})
                  : env.tools.end();
  if (tool == env.tools.end()) {
    on_error(
        make_error(errc::invalid_input, "agent '" + env.spec.id +
                                            "' has no tool under param '" + tool_param +
                                            "'; declare it in the type's tool_params "
                                            "and name a tool of the scenario there"));
    return;
  }
  const auto& t = frame_->current();
  tool_call call{t.run_id, env.spec.id, t.span_id, std::move(args)};
  auto frame = frame_;
  frame->self()
      ->request(tool->second, caf::infinite, std::move(call))
      .then([frame, on_result](
                tool_result& res) { frame->run_guarded([&] { on_result(res.output); }); },
            [frame, on_error](caf::error& err) {
              frame->run_guarded([&] { on_error(err); });
            });
}

void task_context::ask_approval(std::string subject, std::string summary,
                                std::function<void(approval&)> on_decision) {
  const auto& t = frame_->current();
  approval_request req{t.run_id, t.step_id, frame_->env().spec.id, std::move(subject),
                       std::move(summary)};
  auto frame = frame_;
  auto self = *this;
  frame->self()
      ->request(frame->env().approver, caf::infinite, std::move(req))
      .then(
          [frame, on_decision](approval_decision& d) {
            approval a{d.approved, std::move(d.decided_by), std::move(d.note)};
            frame->run_guarded([&] { on_decision(a); });
          },
          [self](caf::error& err) mutable { self.fail_once(err); });
}

void task_context::emit(const std::string& name, boost::json::object data) {
  const auto& t = frame_->current();
  trace_event ev;
  ev.kind = "agent_event";
  ev.ts_us = now_us();
  ev.run_id = t.run_id;
  ev.span_id = frame_->next_span("event");
  ev.parent_span = t.span_id;
  ev.from = frame_->env().spec.id;
  ev.status = "ok";
  ev.attributes = boost::json::object{{"name", name}, {"data", std::move(data)}};
  if (const auto& node = frame_->env().node; !node.empty())
    ev.attributes.as_object()["troupe.node"] = node;
  frame_->self()->send(frame_->env().trace, std::move(ev));
}

void task_context::reply(boost::json::value output, std::string followup) {
  const auto& t = frame_->current();
  frame_->deliver(agent_result{t.step_id, frame_->env().spec.id, std::move(output),
                               std::move(followup)});
}

void task_context::fail(caf::error err) {
  frame_->deliver(std::move(err));
}

void task_context::fail(const std::string& why) {
  frame_->deliver(
      make_error(errc::agent_failed, "agent '" + frame_->env().spec.id + "': " + why));
}

void task_context::fail_once(const caf::error& err) {
  if (!answered())
    fail(err);
}

bool task_context::answered() const {
  return frame_->answered();
}

agent::~agent() = default;

agent_catalog::~agent_catalog() = default;

} // namespace troupe

#include "runtime/orchestrator/orchestrator.hpp"

#include "runtime/errors.hpp"
#include "runtime/orchestrator/agent_placement.hpp"
#include "runtime/scenario/content_hash.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <algorithm>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/sec.hpp>

namespace troupe {

namespace {

using namespace orchestration;
using self_ptr = orchestrator_ptr;
using steady = std::chrono::steady_clock;

/// Tells the state writer how far the run got (state.json).
void checkpoint(self_ptr self, const std::string& status) {
  auto& st = self->state;
  if (!st.plan.state_writer)
    return;
  boost::json::object progress{{"flow", st.flow->snapshot()},
                               {"step_runs", st.step_runs},
                               {"handoffs", st.handoffs}};
  self->send(st.plan.state_writer, run_checkpoint{status, std::move(progress)});
}

void finish(self_ptr self, std::string status, std::string error) {
  auto& st = self->state;
  if (st.done)
    return;
  st.done = true;
  auto ev = make_event(self, "run_end", run_span, "");
  ev.status = status;
  ev.duration_us = now_us() - st.run_start_us;
  attrs(ev)["steps_completed"] = st.flow->steps_completed();
  attrs(ev)["loop_rounds"] = st.flow->loop_rounds();
  if (!error.empty())
    attrs(ev)["error.message"] = error;
  emit(self, std::move(ev));
  checkpoint(self, status);
  run_outcome outcome{st.plan.run_id,         std::move(status),
                      std::move(error),       st.flow->steps_completed(),
                      st.flow->loop_rounds(), st.flow->outputs()};
  st.promise.deliver(std::move(outcome));
  for (auto& entry : st.agents)
    for (auto& inst : entry.second.instances())
      if (inst.handle)
        self->send_exit(inst.handle, caf::exit_reason::user_shutdown);
  self->quit();
}

boost::json::object prompt_versions(const scenario_spec& spec) {
  boost::json::object out;
  for (const auto& a : spec.agents)
    if (a.prompt)
      out[a.id] = boost::json::object{{"version", a.prompt->version()},
                                      {"hash", a.prompt->hash()},
                                      {"source", a.prompt_source}};
  return out;
}

boost::json::object limit_json(const budget_limit& limit) {
  boost::json::object out;
  if (limit.usd)
    out["usd"] = *limit.usd;
  if (limit.tokens)
    out["tokens"] = *limit.tokens;
  if (limit.calls)
    out["calls"] = *limit.calls;
  return out;
}

/// The run's budget caps: with them a trace alone tells how much was left.
boost::json::object budget_json(const budget_spec& budget) {
  boost::json::object out;
  if (!budget.run.empty())
    out["run"] = limit_json(budget.run);
  for (const auto& [agent, limit] : budget.agents)
    out["agent:" + agent] = limit_json(limit);
  for (const auto& [provider, limit] : budget.providers)
    out["provider:" + provider] = limit_json(limit);
  return out;
}

void emit_run_start(self_ptr self) {
  const auto& plan = self->state.plan;
  auto ev = make_event(self, "run_start", run_span, "");
  attrs(ev)["schema"] = trace_schema;
  attrs(ev)["scenario"] = plan.spec.name;
  attrs(ev)["scenario_file"] = plan.spec.file;
  if (plan.capture_content)
    attrs(ev)["inputs"] = plan.inputs;
  attrs(ev)["prompts"] = prompt_versions(plan.spec);
  if (auto caps = budget_json(plan.spec.budget); !caps.empty())
    attrs(ev)["budget"] = std::move(caps);
  emit(self, std::move(ev));
}

void run_step(self_ptr self);

/// A task's span, numbered by its element's index in a for_each list: the
/// trace names the same element whether or not `where` skipped others.
std::string task_span(const orchestrator_state& st, size_t index) {
  auto item = st.tasks.item_indexes[index];
  return st.step_span + "/t" +
         std::to_string(item >= 0 ? static_cast<size_t>(item) : index);
}

void complete_step(self_ptr self) {
  auto& st = self->state;
  const auto step = st.flow->current();
  auto output = step.for_each.empty()
                    ? std::move(st.step_outputs.front())
                    : boost::json::value(boost::json::array(st.step_outputs.begin(),
                                                            st.step_outputs.end()));
  auto index = st.flow->current_index();
  auto query = st.needs_more;
  auto move = st.flow->complete(std::move(output), query);
  auto ev = make_event(self, "step_end", st.step_span, run_span);
  ev.duration_us = now_us() - st.step_start_us;
  attrs(ev)["step"] = step.id;
  attrs(ev)["index"] = index;
  attrs(ev)["steps_total"] = st.plan.spec.flow.size();
  attrs(ev)["tasks"] = st.tasks.inputs.size();
  emit(self, std::move(ev));
  if (move != flow_state::transition::advanced) {
    static const char* names[] = {"advanced", "looped_back", "bound_reached",
                                  "no_progress"};
    auto lb = make_event(
        self,
        move == flow_state::transition::looped_back ? "loop_back" : "loop_back_refused",
        st.step_span, run_span);
    attrs(lb)["from_step"] = step.id;
    attrs(lb)["to_step"] = step.loop_back->to;
    if (st.plan.capture_content)
      attrs(lb)["query"] = query;
    attrs(lb)["reason"] = names[static_cast<int>(move)];
    attrs(lb)["round"] = st.flow->loop_rounds();
    emit(self, std::move(lb));
  }
  checkpoint(self, "running");
  run_step(self);
}

/// What a result event says of the answer: with content capture the output
/// and follow-up query themselves, and always the output's size and hash,
/// so that `troupe trace diff` can tell a changed output from the same one.
void add_output(boost::json::object& attributes, const agent_result& result,
                bool capture_content) {
  auto text = boost::json::serialize(result.output);
  attributes["troupe.output.bytes"] = text.size();
  attributes["troupe.output.hash"] = content_hash(text);
  if (!capture_content)
    return;
  if (!result.needs_more.empty())
    attributes["needs_more"] = result.needs_more;
  attributes["output"] = result.output;
}

/// The node task `index` of the running step was last sent to; "" local.
const std::string& node_of(const orchestrator_state& st, size_t index) {
  const auto& pool = st.agents.at(st.flow->current().agent);
  return pool.instances()[st.sent_to[index]].node;
}

void on_result(self_ptr self, size_t index, int64_t sent_us, agent_result& result) {
  auto& st = self->state;
  if (st.done || st.answered[index])
    return;
  st.answered[index] = true;
  const auto& step = st.flow->current();
  auto ev = make_event(self, "result", task_span(st, index), st.step_span);
  ev.from = result.agent_id;
  ev.to = "orchestrator";
  ev.message_type = "agent_result";
  ev.duration_us = now_us() - sent_us;
  attrs(ev)["step"] = step.id;
  if (const auto& node = node_of(st, index); !node.empty())
    attrs(ev)["troupe.node"] = node;
  add_output(attrs(ev), result, st.plan.capture_content);
  emit(self, std::move(ev));
  st.flow->memo_store(st.tasks.inputs[index], result.output);
  st.step_outputs[index] = std::move(result.output);
  if (!result.needs_more.empty())
    st.needs_more = std::move(result.needs_more);
  if (--st.pending == 0)
    complete_step(self);
}

void dispatch(self_ptr self, size_t index);

/// Sends a timed-out task again while limits.timeout_retries allow; the
/// agent's late answer to the first send is dropped with its request.
bool retry_timed_out(self_ptr self, size_t index) {
  auto& st = self->state;
  const auto& limits = st.plan.spec.limits;
  auto retry = st.attempts[index] <= limits.timeout_retries;
  auto ev = make_event(self, "task_timeout", task_span(st, index), st.step_span);
  ev.status = "error";
  ev.from = st.flow->current().agent;
  attrs(ev)["step"] = st.flow->current().id;
  attrs(ev)["attempt"] = st.attempts[index];
  attrs(ev)["timeout_ms"] = limits.step_timeout.count();
  attrs(ev)["retry"] = retry;
  emit(self, std::move(ev));
  if (retry)
    dispatch(self, index);
  return retry;
}

void on_task_error(self_ptr self, size_t index, const caf::error& err) {
  auto& st = self->state;
  // A crashed agent answers the task it was on with its crash and bounces
  // the rest before its down message arrives; the down handler reports the
  // crash once, with its cause.
  if (st.done || st.answered[index] || err == caf::sec::request_receiver_down ||
      has_code(err, errc::agent_crashed))
    return;
  if (err == caf::sec::request_timeout && retry_timed_out(self, index))
    return;
  const auto& step = st.flow->current();
  auto text = err == caf::sec::request_timeout
                  ? "timed out after " +
                        std::to_string(st.plan.spec.limits.step_timeout.count() / 1000) +
                        " s (limits.step_timeout_seconds)"
                  : describe(err);
  auto ev = make_event(self, "result", task_span(st, index), st.step_span);
  ev.from = step.agent;
  ev.to = "orchestrator";
  ev.status = "error";
  attrs(ev)["error.message"] = text;
  emit(self, std::move(ev));
  // A budget cap is a guard like the deadline: the run stops cleanly with
  // what it has, and says which cap stopped it.
  auto status = has_code(err, errc::budget_exceeded) ? "budget_exceeded"
                : has_code(err, errc::rejected)      ? "rejected"
                                                     : "failed";
  finish(self, status, "step '" + step.id + "' (agent '" + step.agent + "'): " + text);
}

/// Which send of which task an answer is for.
struct awaited {
  int step_run;
  size_t index;
  int attempt;
};

/// Whether the answer to `sent` is still awaited (not late, not for a send
/// that a timeout or restart replaced); if so, it stops being awaited.
bool take_answer(self_ptr self, const awaited& sent) {
  auto& st = self->state;
  if (st.step_runs != sent.step_run || st.attempts[sent.index] != sent.attempt ||
      !st.deadlines[sent.index])
    return false;
  st.deadlines[sent.index].reset();
  return true;
}

/// How often the sweep looks for tasks past the step timeout: a quarter of
/// it, between 5 ms and a second, so a timeout fires at most that late.
std::chrono::milliseconds sweep_period(const limits_spec& limits) {
  return std::clamp(limits.step_timeout / 4, std::chrono::milliseconds{5},
                    std::chrono::milliseconds{1000});
}

void arm_sweep(self_ptr self) {
  auto& st = self->state;
  if (st.sweep_armed)
    return;
  st.sweep_armed = true;
  self->delayed_send(self, sweep_period(st.plan.spec.limits), tick_atom::value);
}

/// Times out the tasks of the running step past their deadline.
void sweep_deadlines(self_ptr self) {
  auto& st = self->state;
  st.sweep_armed = false;
  auto now = steady::now();
  bool waiting = false;
  for (size_t i = 0; i < st.deadlines.size() && !st.done; ++i) {
    if (!st.deadlines[i])
      continue;
    if (*st.deadlines[i] > now) {
      waiting = true;
      continue;
    }
    st.deadlines[i].reset();
    on_task_error(self, i, caf::make_error(caf::sec::request_timeout));
    // A timed-out task sent again, or a new step, arms the sweep itself.
  }
  if (waiting && !st.done)
    arm_sweep(self);
}

/// An answer (or error) came back from instance `i` of `id`, which was
/// `to` when the task went out: one task less in flight there.
void answered_by(self_ptr self, const std::string& id, size_t i,
                 const caf::actor_addr& to) {
  auto& inst = self->state.agents.at(id).instances()[i];
  if (inst.handle && inst.handle.address() == to && inst.in_flight > 0)
    --inst.in_flight;
}

/// The instance of `id` the next task goes to; nothing when none is up and
/// the placement allows no local one.
std::optional<size_t> pick_instance(self_ptr self, const std::string& id) {
  if (auto picked = self->state.agents.at(id).pick())
    return picked;
  return fallback_instance(self, id);
}

void dispatch(self_ptr self, size_t index) {
  auto& st = self->state;
  const auto& step = st.flow->current();
  const auto& limits = st.plan.spec.limits;
  if (++st.handoffs > limits.max_handoffs)
    return finish(self, "handoff_limit_exceeded",
                  "the run reached limits.max_handoffs (" +
                      std::to_string(limits.max_handoffs) + " tasks) in step '" +
                      step.id + "'");
  auto picked = pick_instance(self, step.agent);
  if (!picked)
    return finish(self, "failed",
                  "step '" + step.id + "': " + no_node_left(st, step.agent));
  auto& inst = st.agents.at(step.agent).instances()[*picked];
  ++inst.in_flight;
  st.sent_to[index] = *picked;
  ++st.attempts[index];
  task t;
  t.run_id = st.plan.run_id;
  t.step_id = step.id;
  t.agent_id = step.agent;
  t.span_id = task_span(st, index);
  t.parent_span = st.step_span;
  t.inputs = st.tasks.inputs[index];
  t.round = st.flow->loop_rounds();
  t.item_index = st.tasks.item_indexes[index];
  auto ev = make_event(self, "task", t.span_id, t.parent_span);
  ev.from = "orchestrator";
  ev.to = step.agent;
  ev.message_type = "task";
  // OpenTelemetry GenAI names for an agent invocation.
  attrs(ev)["gen_ai.operation.name"] = "invoke_agent";
  attrs(ev)["gen_ai.agent.name"] = step.agent;
  attrs(ev)["step"] = step.id;
  attrs(ev)["round"] = t.round;
  if (st.attempts[index] > 1)
    attrs(ev)["attempt"] = st.attempts[index];
  if (t.item_index >= 0)
    attrs(ev)["item_index"] = t.item_index;
  if (!inst.node.empty())
    attrs(ev)["troupe.node"] = inst.node;
  if (st.plan.capture_content)
    attrs(ev)["inputs"] = t.inputs;
  emit(self, std::move(ev));
  auto sent = now_us();
  auto sent_as = awaited{st.step_runs, index, st.attempts[index]};
  st.deadlines[index] = steady::now() + limits.step_timeout;
  auto to = inst.handle.address();
  auto id = step.agent;
  auto i = *picked;
  self->request(inst.handle, caf::infinite, std::move(t))
      .then(
          [=](agent_result& r) {
            answered_by(self, id, i, to);
            if (take_answer(self, sent_as))
              on_result(self, index, sent, r);
          },
          [=](caf::error& err) {
            answered_by(self, id, i, to);
            if (take_answer(self, sent_as))
              on_task_error(self, index, err);
          });
  arm_sweep(self);
}

void start_tasks(self_ptr self) {
  auto& st = self->state;
  for (size_t i = 0; i < st.tasks.inputs.size(); ++i) {
    if (const auto* memo = st.flow->memo_find(st.tasks.inputs[i])) {
      auto ev = make_event(self, "task_reused", task_span(st, i), st.step_span);
      attrs(ev)["step"] = st.flow->current().id;
      emit(self, std::move(ev));
      st.step_outputs[i] = *memo;
      st.answered[i] = true;
      --st.pending;
    } else {
      dispatch(self, i);
    }
  }
  if (st.pending == 0)
    complete_step(self);
}

/// The step_start event. A step with a `where` also says how many elements
/// it kept and skipped: few tasks may mean a short list or a narrow filter.
void emit_step_start(self_ptr self) {
  const auto& st = self->state;
  const auto& step = st.flow->current();
  auto ev = make_event(self, "step_start", st.step_span, run_span);
  attrs(ev)["step"] = step.id;
  attrs(ev)["agent"] = step.agent;
  attrs(ev)["index"] = st.flow->current_index();
  attrs(ev)["steps_total"] = st.plan.spec.flow.size();
  attrs(ev)["tasks"] = st.tasks.inputs.size();
  attrs(ev)["round"] = st.flow->loop_rounds();
  if (!step.where.empty()) {
    attrs(ev)["items_kept"] = st.tasks.inputs.size();
    attrs(ev)["items_skipped"] = st.tasks.skipped;
  }
  emit(self, std::move(ev));
}

void run_step(self_ptr self) {
  auto& st = self->state;
  if (st.flow->finished())
    return finish(self, "succeeded", "");
  const auto& limits = st.plan.spec.limits;
  const auto& step = st.flow->current();
  if (st.step_runs >= limits.max_steps)
    return finish(self, "step_limit_exceeded",
                  "the run reached limits.max_steps (" +
                      std::to_string(limits.max_steps) + ") before step '" + step.id +
                      "'");
  auto tasks = st.flow->tasks();
  if (!tasks)
    return finish(self, "failed", "step '" + step.id + "': " + describe(tasks.error()));
  ++st.step_runs;
  st.step_span =
      std::string{run_span} + "/" + step.id + "#" + std::to_string(st.step_runs);
  st.step_start_us = now_us();
  st.tasks = std::move(*tasks);
  st.step_outputs.assign(st.tasks.inputs.size(), boost::json::value{});
  st.answered.assign(st.tasks.inputs.size(), false);
  st.attempts.assign(st.tasks.inputs.size(), 0);
  st.sent_to.assign(st.tasks.inputs.size(), 0);
  st.deadlines.assign(st.tasks.inputs.size(), std::nullopt);
  st.pending = st.tasks.inputs.size();
  st.needs_more.clear();
  emit_step_start(self);
  start_tasks(self);
}

/// The first step begins once every remote instance started or failed to.
void begin_flow(self_ptr self) {
  auto& st = self->state;
  st.started = true;
  for (auto& entry : st.agents)
    if (!entry.second.any_up() && !fallback_instance(self, entry.first))
      return finish(self, "failed", no_node_left(st, entry.first));
  run_step(self);
}

/// Sends again the unanswered tasks of the running step that went to
/// instance `i` of `id`; answers the number sent.
size_t redispatch_from(self_ptr self, const std::string& id, size_t i) {
  auto& st = self->state;
  if (st.flow->finished() || st.flow->current().agent != id)
    return 0;
  size_t moved = 0;
  for (size_t t = 0; t < st.answered.size() && !st.done; ++t)
    if (!st.answered[t] && st.sent_to[t] == i) {
      dispatch(self, t);
      ++moved;
    }
  return moved;
}

size_t unanswered_at(const orchestrator_state& st, const std::string& id, size_t i) {
  if (st.flow->finished() || st.flow->current().agent != id)
    return 0;
  size_t n = 0;
  for (size_t t = 0; t < st.answered.size(); ++t)
    n += !st.answered[t] && st.sent_to[t] == i ? 1 : 0;
  return n;
}

/// Restarts instance `i` of agent `id` after a crash, in its place (a
/// local one at once, a remote one through its node), and sends again the
/// tasks of the running step it had not answered. Its state starts afresh.
void restart_agent(self_ptr self, const std::string& id, size_t i,
                   const caf::error& reason) {
  auto& st = self->state;
  auto ev = instance_event(self, "agent_restart", id, i);
  ev.status = "error";
  attrs(ev)["error.message"] = describe(reason);
  attrs(ev)["restarts_in_window"] = st.restarts.at(id).recent();
  if (st.agents.at(id).instances()[i].node.empty())
    spawn_local(self, id, i);
  else
    start_remote(self, id, i);
  emit(self, std::move(ev));
  redispatch_from(self, id, i);
}

/// A node stopped answering (killed, unplugged, heartbeat timeout): its
/// unanswered tasks go to the agent's other instances, and the node is
/// tried again until the run ends. Not a crash of the agent: no restart
/// is charged.
void on_node_lost(self_ptr self, const std::string& id, size_t i,
                  const caf::error& reason) {
  auto ev = instance_event(self, "node_lost", id, i);
  ev.status = "error";
  attrs(ev)["error.message"] =
      reason == caf::exit_reason::user_shutdown
          ? "the node stopped (SIGTERM)"
          : "the connection to the node was lost: it was killed, cut off, or silent "
            "past middleman.connection-timeout";
  attrs(ev)["tasks_moved"] = unanswered_at(self->state, id, i);
  emit(self, std::move(ev));
  redispatch_from(self, id, i);
  retry_node_later(self, id, i);
}

void on_agent_down(self_ptr self, const caf::down_msg& msg) {
  auto& st = self->state;
  if (st.done)
    return;
  auto found = st.agent_ids.find(msg.source);
  if (found == st.agent_ids.end())
    return;
  auto [id, index] = found->second;
  st.agent_ids.erase(found);
  auto& inst = st.agents.at(id).instances()[index];
  inst.handle = agent_actor{};
  inst.in_flight = 0;
  inst.last_error = describe(msg.reason);
  // Unreachable: the node was killed or cut off; user_shutdown: it was
  // stopped (SIGTERM). An agent that fails ends with another reason.
  if (!inst.node.empty() && (msg.reason == caf::exit_reason::remote_link_unreachable ||
                             msg.reason == caf::exit_reason::user_shutdown))
    return on_node_lost(self, id, index, msg.reason);
  auto where = st.flow->finished() ? std::string{}
                                   : " during step '" + st.flow->current().id + "'";
  auto& intensity = st.restarts.at(id);
  if (intensity.allow(std::chrono::steady_clock::now()))
    return restart_agent(self, id, index, msg.reason);
  auto ev = instance_event(self, "agent_down", id, index);
  ev.status = "error";
  attrs(ev)["error.message"] = describe(msg.reason);
  emit(self, std::move(ev));
  const auto& limits = st.plan.spec.limits;
  auto budget = limits.max_restarts == 0
                    ? std::string{" (limits.max_restarts is 0)"}
                    : " after " + std::to_string(intensity.recent()) + " restart" +
                          (intensity.recent() == 1 ? "" : "s") + " within " +
                          std::to_string(limits.restart_window.count() / 1000) +
                          " s (limits.max_restarts)";
  finish(self, "failed",
         "agent '" + id + "' crashed" + where + budget + ": " + describe(msg.reason));
}

/// Puts the flow and the guards' counters back where the checkpoint left
/// them and records the resumption: the same run, a second part.
caf::error resume_from(self_ptr self, const boost::json::object& progress) {
  auto& st = self->state;
  const auto* flow = progress.if_contains("flow");
  if (flow == nullptr || !flow->is_object())
    return make_error(errc::invalid_input, "the saved progress has no flow state");
  if (auto err = st.flow->restore(flow->as_object()))
    return err;
  for (auto [key, counter] :
       {std::pair{"step_runs", &st.step_runs}, std::pair{"handoffs", &st.handoffs}})
    if (const auto* n = progress.if_contains(key); n && n->is_int64())
      *counter = static_cast<int>(n->as_int64());
  auto ev = make_event(self, "run_resume", run_span, "");
  attrs(ev)["scenario"] = st.plan.spec.name;
  attrs(ev)["steps_completed"] = st.flow->steps_completed();
  if (!st.flow->finished())
    attrs(ev)["from_step"] = st.flow->current().id;
  emit(self, std::move(ev));
  return {};
}

} // namespace

caf::behavior orchestrator(caf::stateful_actor<orchestrator_state>* self, run_plan plan) {
  self->state.plan = std::move(plan);
  self->state.flow.emplace(self->state.plan.spec, self->state.plan.inputs);
  self->set_down_handler([=](caf::down_msg& msg) { on_agent_down(self, msg); });
  return {
      [=](start_atom) {
        auto& st = self->state;
        st.promise = self->make_response_promise();
        st.run_start_us = now_us();
        if (auto err = st.plan.resume ? resume_from(self, *st.plan.resume) : caf::error{})
          return finish(self, "failed", "cannot resume: " + describe(err));
        if (!st.plan.resume)
          emit_run_start(self);
        self->delayed_send(self, st.plan.spec.limits.deadline, deadline_atom::value);
        place_agents(self, [=] { begin_flow(self); });
      },
      [=](reconnect_atom, const std::string& id, uint64_t i) {
        const auto& inst = self->state.agents.at(id).instances()[i];
        if (!self->state.done && !inst.up() && !inst.starting)
          start_remote(self, id, i);
      },
      [=](tick_atom) { sweep_deadlines(self); },
      [=](interrupt_atom) {
        auto& st = self->state;
        auto where = st.flow->finished() ? std::string{}
                                         : " during step '" + st.flow->current().id + "'";
        finish(self, "interrupted", "interrupted by a signal" + where);
      },
      [=](deadline_atom) {
        auto& st = self->state;
        auto where = st.flow->finished() ? std::string{}
                                         : " during step '" + st.flow->current().id + "'";
        finish(self, "deadline_exceeded",
               "the run passed its deadline of " +
                   std::to_string(st.plan.spec.limits.deadline.count() / 1000) +
                   " s (limits.deadline_seconds)" + where);
      },
  };
}

} // namespace troupe

#include "runtime/orchestrator/agent_placement.hpp"

#include "runtime/errors.hpp"
#include "runtime/node/node_actor.hpp"
#include "runtime/node/node_address.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>

namespace troupe::orchestration {

namespace {

/// How long a node gets to answer a connect or spawn request, and how
/// often a lost or unreachable node is tried again.
constexpr auto node_request_timeout = std::chrono::seconds{10};
constexpr auto node_retry_period = std::chrono::seconds{1};

agent_env env_for(orchestrator_ptr self, const agent_spec& spec, std::string node) {
  const auto& plan = self->state.plan;
  return agent_env{plan.run_id, spec,       plan.inputs,   plan.router,
                   plan.trace,  plan.tools, plan.approver, std::move(node)};
}

void placement_settled(orchestrator_ptr self) {
  auto& st = self->state;
  if (!st.started && --st.starting == 0)
    st.on_placed();
}

void instance_started(orchestrator_ptr self, const std::string& id, size_t i,
                      caf::actor agent) {
  auto& st = self->state;
  auto& inst = st.agents.at(id).instances()[i];
  inst.starting = false;
  inst.last_error.clear();
  inst.handle = caf::actor_cast<agent_actor>(std::move(agent));
  self->monitor(inst.handle);
  st.agent_ids.insert_or_assign(inst.handle.address(), std::pair{id, i});
  emit(self, instance_event(self, "agent_placed", id, i));
  placement_settled(self);
}

void instance_failed(orchestrator_ptr self, const std::string& id, size_t i,
                     const caf::error& err) {
  auto& inst = self->state.agents.at(id).instances()[i];
  inst.starting = false;
  auto text = describe(err);
  // A node that stays away is tried again and again: its trace says so once.
  if (text != inst.last_error) {
    inst.last_error = text;
    auto ev = instance_event(self, "placement_failed", id, i);
    ev.status = "error";
    attrs(ev)["error.message"] = text;
    emit(self, std::move(ev));
  }
  // A refusal (allow list, token, type) stays one; an unreachable node may come back.
  if (!has_code(err, errc::node_refused))
    retry_node_later(self, id, i);
  placement_settled(self);
}

void request_spawn(orchestrator_ptr self, const std::string& id, size_t i,
                   node_actor node) {
  auto& st = self->state;
  const auto& inst = st.agents.at(id).instances()[i];
  spawn_agent req{env_for(self, *st.plan.spec.find_agent(id), inst.node),
                  st.plan.node_token, st.plan.budget, st.plan.capture_content,
                  st.plan.use_cache};
  self->request(node, node_request_timeout, std::move(req))
      .then([=](caf::actor& agent) { instance_started(self, id, i, std::move(agent)); },
            [=](caf::error& err) { instance_failed(self, id, i, err); });
}

} // namespace

void spawn_local(orchestrator_ptr self, const std::string& id, size_t i) {
  auto& st = self->state;
  const auto& spec = *st.plan.spec.find_agent(id);
  auto agent =
      st.plan.agents->find(spec.type)->factory(self->system(), env_for(self, spec, {}));
  self->monitor(agent);
  st.agent_ids.insert_or_assign(agent.address(), std::pair{id, i});
  st.agents.at(id).instances()[i].handle = std::move(agent);
}

void retry_node_later(orchestrator_ptr self, const std::string& id, size_t i) {
  self->delayed_send(self, node_retry_period, reconnect_atom::value, id, uint64_t{i});
}

std::optional<size_t> fallback_instance(orchestrator_ptr self, const std::string& id) {
  auto& st = self->state;
  if (st.plan.spec.find_agent(id)->placement.fallback != "local")
    return std::nullopt;
  auto& pool = st.agents.at(id);
  auto i = pool.add_local();
  spawn_local(self, id, i);
  auto ev = instance_event(self, "placement_fallback", id, i);
  ev.status = "error";
  attrs(ev)["error.message"] = "no node of its placement is up: " + pool.down_report();
  emit(self, std::move(ev));
  return i;
}

std::string no_node_left(const orchestrator_state& st, const std::string& id) {
  return "agent '" + id + "' has no node of its placement up (" +
         st.agents.at(id).down_report() +
         ") and its placement.fallback is \"none\": start the nodes with `troupe node "
         "--listen HOST:PORT`, or set \"fallback\": \"local\"";
}

void start_remote(orchestrator_ptr self, const std::string& id, size_t i) {
  auto& inst = self->state.agents.at(id).instances()[i];
  inst.starting = true;
  auto where = node_address::parse(inst.node);
  if (!where || !self->home_system().has_middleman())
    return instance_failed(
        self, id, i,
        where ? make_error(errc::node_refused,
                           "this process has no network layer to reach " + inst.node)
              : where.error());
  auto mm = self->home_system().middleman().actor_handle();
  auto node = inst.node;
  self->request(mm, node_request_timeout, caf::connect_atom::value, where->host,
                where->port)
      .then(
          [=](const caf::node_id&, caf::strong_actor_ptr& ptr,
              const std::set<std::string>&) {
            if (!ptr)
              return instance_failed(
                  self, id, i,
                  make_error(errc::node_refused, "nothing is published at " + node));
            request_spawn(self, id, i, caf::actor_cast<node_actor>(std::move(ptr)));
          },
          [=](caf::error& err) {
            instance_failed(self, id, i,
                            make_error(errc::node_unreachable,
                                       "cannot reach " + node + ": " + describe(err)));
          });
}

void place_agents(orchestrator_ptr self, std::function<void()> placed) {
  auto& st = self->state;
  st.on_placed = std::move(placed);
  for (const auto& spec : st.plan.spec.agents) {
    st.restarts.emplace(spec.id, restart_intensity{st.plan.spec.limits.max_restarts,
                                                   st.plan.spec.limits.restart_window});
    auto& pool = st.agents.emplace(spec.id, agent_pool{spec.placement}).first->second;
    if (spec.placement.is_local())
      spawn_local(self, spec.id, pool.add_local());
    st.starting += static_cast<int>(spec.placement.nodes.size());
  }
  if (st.starting == 0)
    return st.on_placed();
  for (const auto& spec : st.plan.spec.agents)
    for (size_t i = 0; i < spec.placement.nodes.size(); ++i)
      start_remote(self, spec.id, i);
}

} // namespace troupe::orchestration

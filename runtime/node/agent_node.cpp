#include "runtime/node/agent_node.hpp"

#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_router.hpp"

#include <algorithm>
#include <caf/io/middleman.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace troupe {

namespace {

using node_ptr = node_actor::stateful_pointer<agent_node_state>;
using peer = agent_node_state::peer;

void log(node_ptr self, const std::string& line) {
  if (self->state.config.log)
    self->state.config.log(line);
}

/// Why the node refuses `req` from a peer it allows, or "" to serve it.
std::string refusal(const node_config& config, const spawn_agent& req) {
  if (!config.token.empty() && req.token != config.token)
    return req.token.empty() ? "this node needs a token: set TROUPE_NODE_TOKEN where the "
                               "run starts to the node's token"
                             : "wrong token: TROUPE_NODE_TOKEN differs from the node's";
  const auto& type = req.env.spec.type;
  if (!config.hosted.empty() && config.hosted.count(type) == 0)
    return "this node does not host agent type '" + type + "'";
  if (config.agents->find(type) == nullptr)
    return "agent type '" + type +
           "' is not registered on this node (a plugin type "
           "needs `troupe node --plugin PATH`)";
  const auto& route = req.env.spec.route;
  if (config.models && !route.empty() && config.models->routes.count(route) == 0)
    return "agent '" + req.env.spec.id + "' uses route '" + route +
           "', which this node's providers file does not declare";
  return {};
}

void stop_run(node_ptr self, agent_node_state::hosted_run& run,
              const caf::error& reason) {
  for (auto& agent : run.agents)
    self->send_exit(agent, reason);
  for (auto& addr : run.owned)
    self->send_exit(addr, reason);
}

/// Stops the agents (and router) of a run that ended or whose process
/// went away.
void drop_run(node_ptr self, const caf::down_msg& down) {
  auto i = self->state.runs.find(down.source);
  if (i == self->state.runs.end())
    return;
  stop_run(self, i->second, caf::exit_reason::user_shutdown);
  auto why = down.reason == caf::exit_reason::remote_link_unreachable
                 ? "lost the connection to a run's process"
                 : "a run ended";
  log(self, std::string{why} + ": stopped its " +
                std::to_string(i->second.agents.size()) + " agent(s)");
  self->state.runs.erase(i);
}

/// The node's own router for `run`, spawned with the run's first agent.
caf::expected<model_actor> own_router(node_ptr self, agent_node_state::hosted_run& run,
                                      const spawn_agent& req) {
  if (!run.router) {
    const auto& config = self->state.config;
    auto router = spawn_run_router(
        self->system(), *config.models, config.services,
        run_router_terms{req.budget, req.env.trace, req.capture_content, req.use_cache},
        run.owned);
    if (!router)
      return router.error();
    run.router = std::move(*router);
  }
  return run.router;
}

caf::expected<caf::actor> start_agent(node_ptr self, const caf::strong_actor_ptr& run_key,
                                      spawn_agent& req) {
  auto& st = self->state;
  auto known = st.runs.count(run_key ? run_key->address() : caf::actor_addr{}) > 0;
  auto& run = st.runs[run_key ? run_key->address() : caf::actor_addr{}];
  if (!known && run_key)
    self->monitor(run_key);
  if (st.config.models) {
    auto router = own_router(self, run, req);
    if (!router)
      return make_error(errc::node_refused, "the node cannot start its model router: " +
                                                describe(router.error()));
    req.env.router = *router;
  }
  const auto* type = st.config.agents->find(req.env.spec.type);
  auto agent = caf::actor_cast<caf::actor>(type->factory(self->system(), req.env));
  run.agents.push_back(agent);
  log(self, "run " + req.env.run_id + ": started agent '" + req.env.spec.id + "' (type " +
                req.env.spec.type + ")" +
                (st.config.models ? ", on this node's router" : ""));
  return agent;
}

/// Answers `rp` for a peer whose address is known.
void serve(node_ptr self, const peer& from, const caf::strong_actor_ptr& run,
           spawn_agent& req, caf::typed_response_promise<caf::actor> rp) {
  if (!from.allowed) {
    rp.deliver(make_error(errc::node_refused, "the node refuses " + from.address +
                                                  ": not on its allow list (" +
                                                  self->state.config.allowed.describe() +
                                                  "); start it with --allow ADDRESS"));
    return;
  }
  if (auto why = refusal(self->state.config, req); !why.empty()) {
    log(self, "refused run " + req.env.run_id + " from " + from.address + ": " + why);
    rp.deliver(make_error(errc::node_refused, "the node refuses: " + why));
    return;
  }
  auto agent = start_agent(self, run, req);
  if (agent)
    rp.deliver(std::move(*agent));
  else
    rp.deliver(agent.error());
}

/// Finds out where `nid` connects from (the middleman knows), decides once
/// whether it is allowed, logs it, then serves the request.
void serve_remote(node_ptr self, const caf::node_id& nid,
                  const caf::strong_actor_ptr& run, spawn_agent req,
                  caf::typed_response_promise<caf::actor> rp) {
  auto mm = self->home_system().middleman().actor_handle();
  self->request(mm, caf::infinite, caf::get_atom::value, nid)
      .then(
          [=](const caf::node_id&, const std::string& host, uint16_t port) mutable {
            peer p{host + ":" + std::to_string(port),
                   self->state.config.allowed.allows(host)};
            log(self, "connection from " + p.address +
                          (p.allowed ? ": allowed" : ": refused, not on the allow list"));
            self->state.peers.emplace(nid, p);
            serve(self, p, run, req, rp);
          },
          [=](caf::error& err) mutable {
            rp.deliver(make_error(errc::node_refused,
                                  "the node cannot tell where the request comes from: " +
                                      describe(err)));
          });
}

} // namespace

std::vector<std::string> hosted_types(const node_config& config) {
  std::vector<std::string> out;
  for (const auto& name : config.agents->names())
    if (config.hosted.empty() || config.hosted.count(name) > 0)
      out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

node_actor::behavior_type agent_node(node_actor::stateful_pointer<agent_node_state> self,
                                     node_config config) {
  self->state.config = std::move(config);
  self->set_down_handler([=](caf::down_msg& down) { drop_run(self, down); });
  // The node stopping (SIGTERM) stops its agents: their orchestrators see
  // them go and send their tasks elsewhere.
  self->set_exit_handler([=](caf::exit_msg& msg) {
    for (auto& entry : self->state.runs)
      stop_run(self, entry.second, msg.reason);
    self->quit(msg.reason);
  });
  return {
      [=](spawn_agent& req) -> caf::result<caf::actor> {
        auto rp = self->make_response_promise<caf::actor>();
        // CAF does not hand a remote request's sender to the receiver here,
        // so the run is known by its model router, which lives in the run's
        // process (the peer) and stops when the run ends.
        auto run = caf::actor_cast<caf::strong_actor_ptr>(req.env.router);
        auto nid = run ? run->node() : self->node();
        auto networked = self->home_system().has_middleman();
        if (nid == self->node() && !networked) {
          serve(self, peer{"this process", true}, run, req, rp);
        } else if (nid == self->node()) {
          // A node runs no runs: a request naming this process as the run's
          // is forged, or has no router; either way it is not served.
          rp.deliver(make_error(errc::node_refused,
                                "the request names no run in another process"));
        } else if (auto known = self->state.peers.find(nid);
                   known != self->state.peers.end()) {
          serve(self, known->second, run, req, rp);
        } else if (networked) {
          serve_remote(self, nid, run, std::move(req), rp);
        } else {
          rp.deliver(make_error(errc::node_refused, "a remote request reached a node "
                                                    "without a network layer"));
        }
        return rp;
      },
  };
}

} // namespace troupe

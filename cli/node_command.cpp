#include "cli/node_command.hpp"

#include "agents/builtin_agents.hpp"
#include "cli/exit_codes.hpp"
#include "runtime/agent/plugin_loader.hpp"
#include "runtime/errors.hpp"
#include "runtime/node/agent_node.hpp"
#include "runtime/node/node_address.hpp"
#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/models_reader.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "runtime/system_setup.hpp"

#include <caf/actor_system.hpp>
#include <caf/io/middleman.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace troupe {

namespace {

/// One line of the node's log on stderr, with the UTC time.
void log_line(const std::string& line) {
  auto now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::fprintf(stderr, "%s troupe node: %s\n", stamp, line.c_str());
}

/// The models of `--providers FILE`: the node's own router routes the
/// calls of the agents it hosts over them. Prints what is wrong.
bool read_models(const std::string& path, node_config& config) {
  auto loaded = scenario_loader::load_providers_file(path);
  for (const auto& err : loaded.errors)
    std::fprintf(stderr, "%s\n", err.to_string().c_str());
  if (!loaded.spec)
    return false;
  models_spec models;
  models_reader::add_implicit(models);
  loaded.spec->merge_into(models);
  config.models = std::move(models);
  return true;
}

std::string routes_of(const models_spec& models) {
  std::vector<std::string> names;
  for (const auto& route : models.routes)
    names.push_back(route.first);
  return join_names(names);
}

/// The node's settings from the command line; prints what is wrong.
std::optional<node_config> configure(const command_line& cl, agent_registry& agents) {
  register_builtin_agents(agents);
  plugin_loader plugins{agents};
  for (const auto& path : cl.plugins)
    if (auto names = plugins.load(path); !names) {
      std::fprintf(stderr, "troupe: %s\n", describe(names.error()).c_str());
      return std::nullopt;
    }
  node_config config;
  config.agents = &agents;
  for (const auto& type : cl.hosted) {
    if (agents.find(type) == nullptr) {
      std::fprintf(stderr, "troupe: --agents names '%s', which is not registered; %s\n",
                   type.c_str(), did_you_mean(type, agents.names(), "types").c_str());
      return std::nullopt;
    }
    config.hosted.insert(type);
  }
  if (!cl.allow.empty()) {
    auto allowed = allow_list::parse(cl.allow);
    if (!allowed) {
      std::fprintf(stderr, "troupe: --allow: %s\n", describe(allowed.error()).c_str());
      return std::nullopt;
    }
    config.allowed = std::move(*allowed);
  }
  if (const char* token = std::getenv("TROUPE_NODE_TOKEN"))
    config.token = token;
  if (!cl.providers_file.empty() && !read_models(cl.providers_file, config))
    return std::nullopt;
  config.log = log_line;
  return config;
}

/// Blocks SIGINT and SIGTERM in this thread and, through inheritance, in
/// the actor system's threads, so that wait_for_stop takes them.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int serve(const node_address& where, node_config config, const sigset_t& stop) {
  caf::actor_system_config cfg;
  add_troupe_types(cfg);
  add_troupe_network(cfg);
  caf::actor_system sys{cfg};
  auto hosted = hosted_types(config);
  auto allowed = config.allowed.describe();
  auto token = !config.token.empty();
  auto routes = config.models ? routes_of(*config.models) : std::string{};
  if (config.models)
    config.services = start_model_services(sys);
  auto services = config.services;
  auto node = sys.spawn(agent_node, std::move(config));
  auto port = sys.middleman().publish(node, where.port, where.host.c_str(), true);
  if (!port) {
    std::fprintf(stderr, "troupe: cannot listen on %s: %s\n", where.to_string().c_str(),
                 describe(port.error()).c_str());
    caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
    if (services.transport)
      stop_model_services(services);
    return exit_setup_failed;
  }
  auto bound = node_address{where.host, *port}.to_string();
  std::printf("troupe node listening on %s\n", bound.c_str());
  std::fflush(stdout);
  log_line("hosting " + join_names(hosted));
  log_line("serving " + allowed + (token ? ", token required" : ", no token"));
  log_line(routes.empty() ? "model calls go to each run's own router"
                          : "model calls go to this node's router: routes " + routes);
  int received = 0;
  sigwait(&stop, &received);
  log_line(std::string{"stopping ("} + (received == SIGTERM ? "SIGTERM" : "SIGINT") +
           ")");
  sys.middleman().unpublish(node, *port);
  caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
  if (services.transport)
    stop_model_services(services);
  return exit_ok;
}

} // namespace

int node_command(const command_line& cl) {
  auto where = node_address::parse(cl.listen);
  if (!where) {
    std::fprintf(stderr, "troupe: --listen: %s\n", describe(where.error()).c_str());
    return exit_usage;
  }
  auto stop = stop_signals();
  agent_registry agents;
  auto config = configure(cl, agents);
  if (!config)
    return exit_usage;
  return serve(*where, std::move(*config), stop);
}

} // namespace troupe

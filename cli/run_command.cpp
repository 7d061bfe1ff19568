#include "cli/run_command.hpp"

#include "agents/builtin_agents.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "cli/signal_watch.hpp"
#include "runtime/agent/json_access.hpp"
#include "runtime/agent/plugin_loader.hpp"
#include "runtime/errors.hpp"
#include "runtime/model/config/endpoint_override.hpp"
#include "runtime/node/node_address.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/content_hash.hpp"
#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/read_text_file.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "runtime/system_setup.hpp"
#include "tools/builtin_tools.hpp"

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace troupe {

namespace {

struct registries {
  agent_registry agents;
  tool_registry tools;
  registries() {
    register_builtin_agents(agents);
    register_builtin_tools(tools);
  }
};

/// Loads a plugin, printing what it adds unless quiet.
caf::error load_plugin(plugin_loader& plugins, const std::string& path, bool quiet) {
  auto names = plugins.load(path);
  if (!names)
    return names.error();
  if (!quiet && !names->empty())
    std::fprintf(stderr, "plugin %s: agent types %s\n", path.c_str(),
                 join_names(*names).c_str());
  return caf::none;
}

/// Puts the agents --place names on its nodes; prints what is wrong.
bool apply_placements(scenario_spec& spec,
                      const std::map<std::string, std::vector<std::string>>& placements) {
  for (const auto& placement : placements) {
    const auto& id = placement.first;
    const auto& nodes = placement.second;
    auto agent = std::find_if(spec.agents.begin(), spec.agents.end(),
                              [&](const agent_spec& a) { return a.id == id; });
    if (agent == spec.agents.end()) {
      std::vector<std::string> ids;
      for (const auto& a : spec.agents)
        ids.push_back(a.id);
      std::fprintf(
          stderr, "troupe: --place names agent '%s', which %s does not declare; %s\n",
          id.c_str(), spec.file.c_str(), did_you_mean(id, ids, "its agents").c_str());
      return false;
    }
    for (const auto& node : nodes)
      if (auto where = node_address::parse(node); !where) {
        std::fprintf(stderr, "troupe: --place %s: %s\n", id.c_str(),
                     describe(where.error()).c_str());
        return false;
      }
    agent->placement.nodes = nodes;
  }
  return true;
}

bool places_remotely(const scenario_spec& spec) {
  return std::any_of(spec.agents.begin(), spec.agents.end(),
                     [](const agent_spec& a) { return !a.placement.is_local(); });
}

/// Loads the --plugin libraries, then the scenario (with the plugins it
/// lists and the --providers file, if any), and applies the command line's
/// model options, printing every problem to stderr.
std::optional<scenario_spec> load(registries& reg, const command_line& cl) {
  plugin_loader plugins{reg.agents};
  for (const auto& path : cl.plugins)
    if (auto err = load_plugin(plugins, path, cl.quiet)) {
      std::fprintf(stderr, "troupe: %s\n", describe(err).c_str());
      return std::nullopt;
    }
  scenario_loader loader{reg.agents, reg.tools};
  loader.on_plugin([&](const std::string& path) -> std::optional<std::string> {
    if (auto err = load_plugin(plugins, path, cl.quiet))
      return describe(err);
    return std::nullopt;
  });
  auto result = loader.load_file(cl.scenario, cl.providers_file);
  for (const auto& err : result.errors)
    std::fprintf(stderr, "%s\n", err.to_string().c_str());
  if (!result.errors.empty()) {
    auto where = cl.providers_file.empty() ? cl.scenario
                                           : cl.scenario + " and " + cl.providers_file;
    std::fprintf(stderr, "troupe: %zu problem%s in %s\n", result.errors.size(),
                 result.errors.size() == 1 ? "" : "s", where.c_str());
  }
  if (result.spec && !cl.base_url.empty())
    apply_endpoint_override(result.spec->models, {cl.base_url, cl.model, cl.api_key_env});
  if (result.spec && !apply_placements(*result.spec, cl.placements))
    return std::nullopt;
  if (result.spec && cl.max_usd >= 0)
    result.spec->budget.run.usd =
        std::min(result.spec->budget.run.usd.value_or(cl.max_usd), cl.max_usd);
  return std::move(result.spec);
}

int exit_code_of(const caf::error& err) {
  if (err.category() == errc_category &&
      static_cast<errc>(err.code()) == errc::invalid_input)
    return exit_invalid_input;
  return exit_setup_failed;
}

/// --approve and --reject decide; without them a person at a terminal does,
/// and with neither an approval step fails saying so.
approval_mode approval_of(const command_line& cl) {
  if (cl.approval == "approve")
    return approval_mode::approve;
  if (cl.approval == "reject")
    return approval_mode::reject;
  return isatty(STDIN_FILENO) ? approval_mode::terminal : approval_mode::none;
}

int exit_code_of(const std::string& status) {
  if (status == "succeeded")
    return exit_ok;
  if (status == "rejected")
    return exit_rejected;
  if (status == "interrupted")
    return exit_interrupted;
  if (status == "deadline_exceeded" || status == "step_limit_exceeded" ||
      status == "handoff_limit_exceeded" || status == "budget_exceeded")
    return exit_limit_exceeded;
  return exit_run_failed;
}

} // namespace

int validate_command(const command_line& cl) {
  registries reg;
  auto spec = load(reg, cl);
  if (!spec)
    return exit_invalid_input;
  std::printf("%s: scenario '%s' is valid (%zu agents, %zu steps)\n", cl.scenario.c_str(),
              spec->name.c_str(), spec->agents.size(), spec->flow.size());
  return exit_ok;
}

namespace {

/// Runs `spec` with `opts` and prints the outcome; answers the exit code.
int execute_and_report(const scenario_spec& spec, const registries& reg, run_options opts,
                       const command_line& cl) {
  signal_watch signals;
  caf::actor_system_config cfg;
  add_troupe_types(cfg);
  if (places_remotely(spec))
    add_troupe_network(cfg);
  caf::actor_system sys{cfg};
  opts.approval = approval_of(cl);
  if (const char* token = std::getenv("TROUPE_NODE_TOKEN"))
    opts.node_token = token;
  opts.on_orchestrator = [&](caf::actor orch) { signals.target(std::move(orch)); };
  if (!cl.quiet)
    opts.listener = sys.spawn(progress_printer);
  auto report = execute_run(sys, spec, reg.agents, reg.tools, opts);
  if (opts.listener) {
    caf::scoped_actor self{sys};
    self->request(opts.listener, caf::infinite, caf::flush_atom::value)
        .receive([] {}, [](caf::error&) {});
    self->send_exit(opts.listener, caf::exit_reason::user_shutdown);
  }
  if (!report) {
    std::fprintf(stderr, "troupe: %s\n", describe(report.error()).c_str());
    return exit_code_of(report.error());
  }
  const auto& outcome = report->outcome;
  if (outcome.status != "succeeded")
    std::fprintf(stderr, "troupe: run %s: %s\n", outcome.status.c_str(),
                 outcome.error.c_str());
  if (outcome.status != "succeeded" && outcome.status != "rejected")
    std::fprintf(stderr,
                 "troupe: to go on from the last completed step: troupe resume %s\n",
                 report->out_dir.c_str());
  if (!report->trace_error.empty())
    std::fprintf(stderr, "troupe: warning: the trace is incomplete: %s\n",
                 report->trace_error.c_str());
  std::fprintf(stderr, "trace:  %s\nresult: %s\n",
               report->trace_path.empty() ? "(off)" : report->trace_path.c_str(),
               report->result_path.c_str());
  std::printf("%s\n", report->report_path.c_str());
  return exit_code_of(outcome.status);
}

/// Options that would change what a resumed run is; it keeps its own.
caf::error fixed_by_resume(const command_line& cl) {
  if (!cl.inputs.empty() || !cl.providers_file.empty() || !cl.out_dir.empty() ||
      !cl.base_url.empty() || cl.max_usd >= 0)
    return make_error(errc::invalid_input,
                      "a resumed run keeps the inputs, providers, budget and output "
                      "folder it started with; only --approve/--reject, --plugin and "
                      "--quiet apply");
  return caf::none;
}

} // namespace

int run_command(const command_line& cl) {
  registries reg;
  auto spec = load(reg, cl);
  if (!spec)
    return exit_invalid_input;
  run_options opts;
  opts.inputs = cl.inputs;
  opts.out_dir = cl.out_dir;
  opts.capture_content = cl.capture_content;
  opts.write_trace = cl.write_trace;
  opts.use_cache = cl.use_cache;
  opts.run_id = make_run_id();
  opts.load = {cl.providers_file, cl.plugins,     cl.base_url,
               cl.model,          cl.api_key_env, cl.max_usd};
  if (!cl.quiet)
    std::fprintf(stderr, "troupe: running '%s' from %s (run %s)\n", spec->name.c_str(),
                 cl.scenario.c_str(), opts.run_id.c_str());
  return execute_and_report(*spec, reg, std::move(opts), cl);
}

int resume_command(const command_line& cl) {
  if (auto err = fixed_by_resume(cl)) {
    std::fprintf(stderr, "troupe: %s\n", describe(err).c_str());
    return exit_usage;
  }
  auto saved = saved_run::read(cl.scenario);
  if (!saved) {
    std::fprintf(stderr, "troupe: %s\n", describe(saved.error()).c_str());
    return exit_invalid_input;
  }
  if (saved->status == "succeeded" || saved->status == "rejected") {
    std::fprintf(stderr, "troupe: run %s already ended (%s); nothing to resume\n",
                 saved->run_id.c_str(), saved->status.c_str());
    return saved->status == "succeeded" ? exit_ok : exit_rejected;
  }
  command_line original = cl;
  const auto& given = saved->options;
  original.scenario = saved->scenario_file;
  original.providers_file = given.providers_file;
  original.plugins.insert(original.plugins.begin(), given.plugins.begin(),
                          given.plugins.end());
  original.base_url = given.base_url;
  original.model = given.model;
  original.api_key_env = given.api_key_env;
  original.max_usd = given.max_usd;
  registries reg;
  auto spec = load(reg, original);
  if (!spec)
    return exit_invalid_input;
  auto text = read_text_file(saved->scenario_file);
  if (!text || content_hash(*text) != saved->scenario_hash) {
    std::fprintf(stderr,
                 "troupe: %s changed since run %s started; resuming would mix two "
                 "versions of the scenario: start a new run instead\n",
                 saved->scenario_file.c_str(), saved->run_id.c_str());
    return exit_invalid_input;
  }
  run_options opts;
  for (const auto& kv : saved->inputs)
    opts.inputs.emplace(std::string{kv.key()}, text_of(kv.value()));
  opts.out_dir = cl.scenario;
  opts.capture_content = saved->capture_content;
  opts.write_trace = saved->write_trace;
  opts.use_cache = saved->use_cache;
  opts.run_id = saved->run_id;
  opts.load = given;
  opts.resume = &*saved;
  if (!cl.quiet)
    std::fprintf(stderr, "troupe: resuming run %s of '%s' (status %s)\n",
                 saved->run_id.c_str(), spec->name.c_str(), saved->status.c_str());
  return execute_and_report(*spec, reg, std::move(opts), original);
}

} // namespace troupe

#include "cli/run_command.hpp"

#include "agents/builtin_agents.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "runtime/agent/plugin_loader.hpp"
#include "runtime/errors.hpp"
#include "runtime/model/config/endpoint_override.hpp"
#include "runtime/orchestrator/run_session.hpp"
#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/scenario_loader.hpp"
#include "runtime/system_setup.hpp"
#include "tools/builtin_tools.hpp"

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>
#include <cstdio>
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
  if (status == "deadline_exceeded" || status == "step_limit_exceeded" ||
      status == "handoff_limit_exceeded" ||
      status == "budget_exceeded")
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

int run_command(const command_line& cl) {
  registries reg;
  auto spec = load(reg, cl);
  if (!spec)
    return exit_invalid_input;
  caf::actor_system_config cfg;
  add_troupe_types(cfg);
  caf::actor_system sys{cfg};
  run_options opts;
  opts.inputs = cl.inputs;
  opts.out_dir = cl.out_dir;
  opts.capture_content = cl.capture_content;
  opts.write_trace = cl.write_trace;
  opts.use_cache = cl.use_cache;
  opts.run_id = make_run_id();
  opts.approval = approval_of(cl);
  if (!cl.quiet) {
    opts.listener = sys.spawn(progress_printer);
    std::fprintf(stderr, "troupe: running '%s' from %s (run %s)\n", spec->name.c_str(),
                 cl.scenario.c_str(), opts.run_id.c_str());
  }
  auto report = execute_run(sys, *spec, reg.agents, reg.tools, opts);
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
  if (!report->trace_error.empty())
    std::fprintf(stderr, "troupe: warning: the trace is incomplete: %s\n",
                 report->trace_error.c_str());
  std::fprintf(stderr, "trace:  %s\nresult: %s\n",
               report->trace_path.empty() ? "(off)" : report->trace_path.c_str(),
               report->result_path.c_str());
  std::printf("%s\n", report->report_path.c_str());
  return exit_code_of(outcome.status);
}

} // namespace troupe

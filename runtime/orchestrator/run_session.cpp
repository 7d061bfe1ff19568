#include "runtime/orchestrator/run_session.hpp"

#include "runtime/errors.hpp"
#include "runtime/model/provider/http_provider.hpp"
#include "runtime/model/router/model_router.hpp"
#include "runtime/orchestrator/orchestrator.hpp"
#include "runtime/orchestrator/run_files.hpp"
#include "runtime/orchestrator/run_inputs.hpp"
#include "runtime/orchestrator/state_writer.hpp"
#include "runtime/scenario/content_hash.hpp"
#include "runtime/scenario/read_text_file.hpp"
#include "runtime/trace/trace_sink.hpp"

#include <caf/scoped_actor.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>

namespace troupe {

namespace fs = std::filesystem;

namespace {

/// The actors that serve a run besides the orchestrator and its agents.
struct run_services {
  trace_sink_actor trace;
  model_actor router;
  approver_actor approver;
  caf::actor state_writer;
  std::map<std::string, tool_actor> tools;
  std::vector<caf::actor_addr> owned;
};

/// The providers of the run's configuration: the shared offline one, and
/// an HTTP provider actor per remote endpoint.
std::map<std::string, provider_actor>
spawn_providers(caf::actor_system& sys, const models_spec& models,
                const model_services& shared, std::vector<caf::actor_addr>& owned) {
  std::map<std::string, provider_actor> out;
  for (const auto& [name, provider] : models.providers) {
    if (provider.type == "local") {
      out.emplace(name, shared.local);
      continue;
    }
    auto actor = sys.spawn(http_provider, provider, shared.transport);
    owned.push_back(actor.address());
    out.emplace(name, provider_actor{actor});
  }
  return out;
}

caf::expected<model_actor> spawn_router(caf::actor_system& sys, const scenario_spec& spec,
                                        const run_options& options,
                                        const model_services& shared, run_services& svc) {
  auto pricing = load_pricing(spec.models);
  if (!pricing)
    return pricing.error();
  model_router_config cfg;
  cfg.models = spec.models;
  cfg.providers = spawn_providers(sys, spec.models, shared, svc.owned);
  cfg.budget = shared.budget;
  cfg.trace = svc.trace;
  cfg.pricing = std::move(*pricing);
  cfg.capture_content = options.capture_content;
  cfg.use_cache = options.use_cache;
  // A cache kept on disk is read and written by the router itself (SQLite):
  // that router gets a thread of its own so no scheduler thread waits on
  // the disk.
  auto on_disk =
      cfg.use_cache && cfg.models.cache.enabled && !cfg.models.cache.path.empty();
  auto router = on_disk ? sys.spawn<caf::detached>(model_router, std::move(cfg))
                        : sys.spawn(model_router, std::move(cfg));
  svc.owned.push_back(router.address());
  return model_actor{router};
}

caf::expected<run_services>
spawn_services(caf::actor_system& sys, const scenario_spec& spec,
               const tool_registry& tools, const run_options& options,
               const model_services& shared, const std::string& trace_path) {
  std::FILE* file = nullptr;
  if (!trace_path.empty()) {
    auto opened = open_trace_file(trace_path, options.resume != nullptr);
    if (!opened)
      return opened.error();
    file = *opened;
  }
  run_services svc;
  svc.trace = sys.spawn<caf::detached>(trace_sink, file, options.listener);
  auto router = spawn_router(sys, spec, options, shared, svc);
  if (!router) {
    caf::anon_send_exit(svc.trace, caf::exit_reason::user_shutdown);
    return router.error();
  }
  svc.router = std::move(*router);
  svc.approver = spawn_approver(sys, options.approval);
  svc.owned.push_back(svc.approver.address());
  for (const auto& t : spec.tools) {
    auto tool =
        tools.find(t.type)->factory(sys, t, tool_env{svc.trace, options.capture_content});
    if (!tool)
      return make_error(errc::tool_failed,
                        "tool '" + t.id + "' cannot start: " + describe(tool.error()));
    svc.owned.push_back(tool->address());
    svc.tools.emplace(t.id, std::move(*tool));
  }
  return svc;
}

/// Stops the run's actors; answers why the trace is incomplete, if it is.
std::string stop_services(caf::scoped_actor& self, run_services& svc) {
  // The router first, and wait for it: the calls it abandons still reach
  // the trace and the budget before these stop, and the state file's last
  // write (at close) includes what they cost.
  self->send_exit(svc.router, caf::exit_reason::user_shutdown);
  self->wait_for(svc.router);
  self->request(svc.state_writer, caf::infinite, caf::close_atom::value)
      .receive([](bool) {}, [](caf::error&) {});
  std::string trace_error;
  self->request(svc.trace, caf::infinite, caf::flush_atom::value)
      .receive([](int64_t) {}, [&](caf::error& err) { trace_error = describe(err); });
  for (auto& addr : svc.owned)
    self->send_exit(addr, caf::exit_reason::user_shutdown);
  self->send_exit(svc.trace, caf::exit_reason::user_shutdown);
  return trace_error;
}

/// What state.json records about the run besides its progress: for a new
/// run taken from the spec and options, for a resumed one kept as saved.
saved_run state_of(const scenario_spec& spec, const run_options& options,
                   const std::string& run_id, const boost::json::object& inputs) {
  if (options.resume)
    return *options.resume;
  saved_run run;
  run.run_id = run_id;
  std::error_code ec;
  run.scenario_file = fs::absolute(spec.file, ec).string();
  if (auto text = read_text_file(spec.file))
    run.scenario_hash = content_hash(*text);
  run.options = options.load;
  if (!run.options.providers_file.empty())
    run.options.providers_file = fs::absolute(run.options.providers_file, ec).string();
  for (auto& p : run.options.plugins)
    p = fs::absolute(p, ec).string();
  run.inputs = inputs;
  run.capture_content = options.capture_content;
  run.write_trace = options.write_trace;
  run.use_cache = options.use_cache;
  return run;
}

caf::actor spawn_state_writer(caf::actor_system& sys, const saved_run& run,
                              const std::string& out_dir, budget_guard_actor budget) {
  state_header header{out_dir + "/" + state_file_name, "run:" + run.run_id, run.header()};
  return caf::actor_cast<caf::actor>(sys.spawn(state_writer, std::move(header), budget));
}

/// A resumed run's spend so far, charged again so its caps still hold.
void charge_prior_spend(caf::scoped_actor& self, const model_services& shared,
                        const saved_run& run) {
  if (run.spent_calls == 0 && run.spent_usd == 0 && run.spent_tokens == 0)
    return;
  budget_reserve prior{
      {"run:" + run.run_id}, run.spent_usd, run.spent_tokens, run.spent_calls};
  self->request(shared.budget, caf::infinite, prior)
      .receive(
          [&](budget_decision& d) {
            // Refused when a cap was lowered below the spend: the run's next
            // call is refused too, with the cap's own message.
            if (d.granted)
              self->send(shared.budget, budget_settle{d.reservation, run.spent_usd,
                                                      run.spent_tokens, run.spent_calls});
          },
          [](caf::error&) {});
}

run_outcome await_outcome(caf::scoped_actor& self, caf::actor orch,
                          const std::string& run_id) {
  run_outcome outcome;
  self->request(orch, caf::infinite, start_atom::value)
      .receive([&](run_outcome& x) { outcome = std::move(x); },
               [&](caf::error& err) {
                 outcome.run_id = run_id;
                 outcome.status = "failed";
                 outcome.error = "the orchestrator stopped: " + describe(err);
                 outcome.outputs = boost::json::object{};
               });
  return outcome;
}

} // namespace

std::string make_run_id() {
  auto now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &utc);
  std::random_device rd;
  char suffix[8];
  std::snprintf(suffix, sizeof(suffix), "%04x", rd() & 0xffffu);
  return std::string{stamp} + "-" + suffix;
}

caf::expected<run_report> execute_run(caf::actor_system& sys, const scenario_spec& spec,
                                      const agent_registry& agents,
                                      const tool_registry& tools,
                                      const run_options& options) {
  auto inputs = resolve_run_inputs(spec, options.inputs);
  if (!inputs)
    return inputs.error();
  run_report report;
  auto run_id = options.run_id.empty() ? make_run_id() : options.run_id;
  report.out_dir = options.out_dir.empty() ? "runs/" + run_id : options.out_dir;
  std::error_code ec;
  fs::create_directories(report.out_dir, ec);
  if (ec)
    return make_error(errc::io_failed, "cannot create output folder " + report.out_dir +
                                           ": " + ec.message());
  if (options.write_trace)
    report.trace_path = report.out_dir + "/trace.jsonl";
  report.report_path = report.out_dir + "/report.md";
  report.result_path = report.out_dir + "/result.json";
  std::optional<model_services> own;
  if (!options.services)
    own = start_model_services(sys);
  const auto& shared = options.services ? *options.services : *own;
  auto svc = spawn_services(sys, spec, tools, options, shared, report.trace_path);
  if (!svc) {
    if (own)
      stop_model_services(*own);
    return svc.error();
  }
  caf::scoped_actor self{sys};
  self->send(shared.budget, caps_of(spec.budget, run_id));
  if (options.resume)
    charge_prior_spend(self, shared, *options.resume);
  svc->state_writer = spawn_state_writer(sys, state_of(spec, options, run_id, *inputs),
                                         report.out_dir, shared.budget);
  std::optional<boost::json::object> resume;
  if (options.resume)
    resume = options.resume->progress;
  run_plan plan{run_id,           spec,
                *inputs,          &agents,
                svc->router,      svc->trace,
                svc->tools,       options.capture_content,
                svc->approver,    svc->state_writer,
                std::move(resume)};
  auto orch = sys.spawn(orchestrator, std::move(plan));
  if (options.on_orchestrator)
    options.on_orchestrator(orch);
  report.outcome = await_outcome(self, orch, run_id);
  if (options.on_orchestrator)
    options.on_orchestrator(caf::actor{});
  report.trace_error = stop_services(self, *svc);
  if (own)
    stop_model_services(*own);
  auto result = render_result(spec, report.outcome, *inputs);
  if (auto err = write_file_atomic(report.result_path, boost::json::serialize(result)))
    return err;
  if (auto err =
          write_file_atomic(report.report_path, render_report(spec, report.outcome)))
    return err;
  return report;
}

} // namespace troupe

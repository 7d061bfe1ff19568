#include "runtime/orchestrator/run_session.hpp"

#include "runtime/errors.hpp"
#include "runtime/orchestrator/orchestrator.hpp"
#include "runtime/orchestrator/run_files.hpp"
#include "runtime/orchestrator/run_inputs.hpp"
#include "runtime/orchestrator/run_router.hpp"
#include "runtime/orchestrator/state_writer.hpp"
#include "runtime/scenario/content_hash.hpp"
#include "runtime/scenario/read_text_file.hpp"
#include "runtime/text/finite_numbers.hpp"
#include "runtime/trace/trace_sink.hpp"

#include <caf/stateful_actor.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <future>
#include <memory>
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
  // On a scheduler thread: the sink writes in batches to the page cache and
  // never syncs, so it does not wait for the disk.
  svc.trace = sys.spawn(trace_sink, file, options.listener);
  auto router =
      spawn_run_router(sys, spec.models, shared,
                       run_router_terms{shared.budget, svc.trace, options.capture_content,
                                        options.use_cache},
                       svc.owned);
  if (!router) {
    caf::anon_send_exit(svc.trace, caf::exit_reason::user_shutdown);
    return router.error();
  }
  svc.router = std::move(*router);
  svc.approver = spawn_approver(sys, options.approval);
  svc.owned.push_back(svc.approver.address());
  for (const auto& t : spec.tools) {
    auto tool = tools.find(t.type)->factory(
        sys, t, tool_env{svc.trace, options.capture_content, shared.tools});
    if (!tool)
      return make_error(errc::tool_failed,
                        "tool '" + t.id + "' cannot start: " + describe(tool.error()));
    svc.owned.push_back(tool->address());
    svc.tools.emplace(t.id, std::move(*tool));
  }
  return svc;
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

/// One run from its start to its report, without a thread waiting for it.
///   session --start--> orchestrator; <--run_outcome--
///   session --exit--> router; <--down-- (what it abandons is charged first)
///   session --close--> state writer; --flush--> trace sink; --exit--> the rest
///   session --put--> atomic file writers (result.json, report.md); calls done
///   anyone --interrupt--> session : passed on to the orchestrator
struct run_session_state {
  static inline const char* name = "run_session";
  const scenario_spec* spec = nullptr;
  const agent_registry* agents = nullptr;
  run_options options;
  model_services shared;
  bool owns_services = false; // started for this run alone: stopped with it
  run_services svc;
  std::string run_id;
  boost::json::object inputs;
  run_report report;
  caf::actor orchestrator;
  /// Emptied once called, so that it is called once (see run_session).
  std::shared_ptr<run_callback> done;
  int writes_left = 0;
  caf::error write_error;
};

using session_ptr = caf::stateful_actor<run_session_state>*;

void finish(session_ptr self, caf::expected<run_report> result) {
  auto& st = self->state;
  if (st.owns_services)
    stop_model_services(st.shared);
  auto done = std::move(*st.done);
  *st.done = nullptr;
  done(std::move(result));
  self->quit();
}

void file_written(session_ptr self, caf::error err) {
  auto& st = self->state;
  if (err && !st.write_error)
    st.write_error = std::move(err);
  if (--st.writes_left > 0)
    return;
  if (st.write_error)
    finish(self, st.write_error);
  else
    finish(self, st.report);
}

void put_file(session_ptr self, const std::string& path, std::string text) {
  self->request(writer_for(self->state.shared, path), caf::infinite, caf::put_atom::value,
                path, std::move(text))
      .then([=](bool) { file_written(self, caf::none); },
            [=](caf::error& err) { file_written(self, std::move(err)); });
}

void write_results(session_ptr self) {
  auto& st = self->state;
  if (!st.options.write_files)
    return finish(self, st.report);
  auto result = render_result(*st.spec, st.report.outcome, st.inputs);
  st.writes_left = 2;
  put_file(self, st.report.result_path, serialize_finite(result));
  put_file(self, st.report.report_path, render_report(*st.spec, st.report.outcome));
}

void stop_run_actors(session_ptr self) {
  auto& svc = self->state.svc;
  for (auto& addr : svc.owned)
    self->send_exit(addr, caf::exit_reason::user_shutdown);
  self->send_exit(svc.trace, caf::exit_reason::user_shutdown);
  write_results(self);
}

void flush_trace(session_ptr self) {
  self->request(self->state.svc.trace, caf::infinite, caf::flush_atom::value)
      .then([=](int64_t) { stop_run_actors(self); },
            [=](caf::error& err) {
              self->state.report.trace_error = describe(err);
              stop_run_actors(self);
            });
}

void close_state(session_ptr self) {
  if (!self->state.svc.state_writer)
    return flush_trace(self);
  self->request(self->state.svc.state_writer, caf::infinite, caf::close_atom::value)
      .then([=](bool) { flush_trace(self); }, [=](caf::error&) { flush_trace(self); });
}

void end_run(session_ptr self, run_outcome outcome) {
  auto& st = self->state;
  st.report.outcome = std::move(outcome);
  st.orchestrator = caf::actor{};
  if (st.options.on_orchestrator)
    st.options.on_orchestrator(caf::actor{});
  // The router first, and wait for it: the calls it abandons still reach
  // the trace and the budget before these stop, and the state file's last
  // write (at close) includes what they cost.
  auto router = st.svc.router.address();
  self->set_down_handler([=](caf::down_msg& down) {
    if (down.source == router)
      close_state(self);
  });
  self->monitor(st.svc.router);
  self->send_exit(st.svc.router, caf::exit_reason::user_shutdown);
}

caf::actor spawn_state_writer(session_ptr self) {
  auto& st = self->state;
  auto saved = state_of(*st.spec, st.options, st.run_id, st.inputs);
  state_header header{st.report.out_dir + "/" + state_file_name, "run:" + st.run_id,
                      saved.header()};
  const auto& writer = writer_for(st.shared, header.path);
  return self->spawn(state_writer, std::move(header), st.shared.budget, writer);
}

void begin_run(session_ptr self) {
  auto& st = self->state;
  if (st.options.write_files)
    st.svc.state_writer = spawn_state_writer(self);
  std::optional<boost::json::object> resume;
  if (st.options.resume)
    resume = st.options.resume->progress;
  run_plan plan{st.run_id,         *st.spec,
                st.inputs,         st.agents,
                st.svc.router,     st.svc.trace,
                st.svc.tools,      st.options.capture_content,
                st.svc.approver,   st.svc.state_writer,
                std::move(resume), st.options.node_token,
                st.shared.budget,  st.options.use_cache};
  st.orchestrator = self->spawn(orchestrator, std::move(plan));
  if (st.options.on_orchestrator)
    st.options.on_orchestrator(st.orchestrator);
  self->request(st.orchestrator, caf::infinite, start_atom::value)
      .then([=](run_outcome& outcome) { end_run(self, std::move(outcome)); },
            [=](caf::error& err) {
              run_outcome outcome;
              outcome.run_id = self->state.run_id;
              outcome.status = "failed";
              outcome.error = "the orchestrator stopped: " + describe(err);
              outcome.outputs = boost::json::object{};
              end_run(self, std::move(outcome));
            });
}

/// A resumed run's spend so far, charged again so its caps still hold; then
/// the run begins.
void charge_prior_spend(session_ptr self) {
  const auto& run = *self->state.options.resume;
  if (run.spent_calls == 0 && run.spent_usd == 0 && run.spent_tokens == 0)
    return begin_run(self);
  budget_reserve prior{
      {"run:" + run.run_id}, run.spent_usd, run.spent_tokens, run.spent_calls};
  auto budget = self->state.shared.budget;
  self->request(budget, caf::infinite, prior)
      .then(
          [=](budget_decision& d) {
            // Refused when a cap was lowered below the spend: the run's next
            // call is refused too, with the cap's own message.
            if (d.granted)
              self->send(budget, budget_settle{d.reservation, prior.usd, prior.tokens,
                                               prior.calls});
            begin_run(self);
          },
          [=](caf::error&) { begin_run(self); });
}

caf::behavior run_session(session_ptr self, run_session_state init) {
  self->state = std::move(init);
  // A session stopped from outside still answers its caller.
  self->attach_functor([done = self->state.done](const caf::error& reason) {
    if (*done)
      (*done)(make_error(errc::io_failed,
                         "the run stopped before its report: " + caf::to_string(reason)));
  });
  self->send(self->state.shared.budget,
             caps_of(self->state.spec->budget, self->state.run_id));
  if (self->state.options.resume)
    charge_prior_spend(self);
  else
    begin_run(self);
  return {
      [=](interrupt_atom) {
        if (self->state.orchestrator)
          self->send(self->state.orchestrator, interrupt_atom::value);
      },
  };
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

namespace {

/// Creates the run's output folder and names its files in `report`.
caf::error set_out_dir(run_report& report, const run_options& options,
                       const std::string& run_id) {
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
  return caf::none;
}

} // namespace

caf::expected<caf::actor> start_run(caf::actor_system& sys, const scenario_spec& spec,
                                    const agent_registry& agents,
                                    const tool_registry& tools,
                                    const run_options& options, run_callback done) {
  auto inputs = resolve_run_inputs(spec, options.inputs);
  if (!inputs)
    return inputs.error();
  run_session_state st;
  st.run_id = options.run_id.empty() ? make_run_id() : options.run_id;
  if (options.write_files) {
    if (auto err = set_out_dir(st.report, options, st.run_id))
      return err;
  }
  st.owns_services = options.services == nullptr;
  st.shared = options.services ? *options.services : start_model_services(sys);
  auto svc = spawn_services(sys, spec, tools, options, st.shared, st.report.trace_path);
  if (!svc) {
    if (st.owns_services)
      stop_model_services(st.shared);
    return svc.error();
  }
  st.svc = std::move(*svc);
  st.spec = &spec;
  st.agents = &agents;
  st.options = options;
  st.inputs = std::move(*inputs);
  st.done = std::make_shared<run_callback>(std::move(done));
  return sys.spawn(run_session, std::move(st));
}

caf::expected<run_report> execute_run(caf::actor_system& sys, const scenario_spec& spec,
                                      const agent_registry& agents,
                                      const tool_registry& tools,
                                      const run_options& options) {
  std::promise<caf::expected<run_report>> report;
  auto started = start_run(
      sys, spec, agents, tools, options,
      [&report](caf::expected<run_report> r) { report.set_value(std::move(r)); });
  if (!started)
    return started.error();
  return report.get_future().get();
}

} // namespace troupe

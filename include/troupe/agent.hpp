#pragma once

// Troupe's agent API: everything an agent author needs, built-in or plugin.
//
//   orchestrator --task--> your agent's on_task(ctx)
//                            ctx.ask_model(...)  --> model router (routes, retries,
//                            ctx.call_tool(...)  --> tool          cache, budget, trace)
//                            ctx.emit(...)       --> trace
//   orchestrator <--ctx.reply(output) / ctx.fail(error)--
//
// An agent is a class derived from `troupe::agent`. Troupe runs each agent
// instance of a scenario as its own actor: `on_task` and every callback run
// one at a time on that actor, so the agent's members are its state, kept
// between the tasks of a run, and need no locks. Nothing here blocks: model
// and tool calls answer through callbacks, and the task ends when `reply` or
// `fail` is called (or, as a failure, when the last copy of its context is
// dropped without either).
//
// Register a type in one line, from a plugin (a shared library loaded with
// `troupe run --plugin PATH`) or from code that owns a registry:
//
//   TROUPE_PLUGIN(catalog) { catalog.add<fact_check>(fact_check::info()); }
//
// docs/writing-agents.md is the tutorial and the reference.

#include <boost/json.hpp>
#include <caf/error.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

/// Bumped whenever this header changes in a way that breaks plugins built
/// against an older one; `troupe` refuses plugins built for another version.
#define TROUPE_AGENT_API_VERSION 1

namespace troupe {

/// What an agent type declares about itself. The loader checks scenarios
/// against it before a run starts.
struct agent_info {
  std::string name;        // the type name scenarios use in "type"
  std::string description; // one line for `troupe agents` and error hints
  /// The task inputs, in the shape notation of docs/scenario-format.md:
  /// {"question": "string", "source": {"id": "string"}, "note?": "string"}.
  /// Keys without `?` are required in every step's `with`. Null: anything.
  boost::json::value input;
  /// The shape of the output `reply` gives. Null: undeclared, not checked.
  boost::json::value output;
  /// True when the agent calls a model: its scenario entry then takes a
  /// `route` (default "default").
  bool uses_model = false;
  /// True when its scenario entry must give a prompt template.
  bool needs_prompt = false;
  /// The names `{{...}}` in the agent's prompt template may use.
  std::vector<std::string> prompt_variables;
  /// Params that name a tool id declared under the scenario's "tools".
  std::vector<std::string> tool_params;
  /// True when the prompt template may use every task input by name
  /// (`{{ticket}}` for a step's `with: {"ticket": ...}`), checked when the
  /// task runs rather than at load time.
  bool prompt_reads_inputs = false;
  /// Checks the agent's `params` when the scenario loads: returns what is
  /// wrong and how to fix it, or "" when they are fine. Optional.
  std::function<std::string(const boost::json::object& params)> check_params;
  /// The output shape for the agent's `params`, for types whose params say
  /// what they produce; replaces `output` when set. Optional.
  std::function<boost::json::value(const boost::json::object& params)> output_for_params;
};

/// What an agent asks of the model. With a prompt template in the scenario,
/// `vars` fill its `{{name}}` placeholders (and `{{inputs.NAME}}` reads run
/// inputs); without one, `messages` are sent as they are.
struct model_prompt {
  std::string operation = "chat"; // names the request in traces and offline models
  std::map<std::string, std::string> vars;
  std::vector<std::pair<std::string, std::string>> messages; // {role, content}
  /// A JSON Schema the answer must follow; null asks for any JSON object.
  boost::json::value schema;
  bool json = true; // false: a plain-text answer, `model_answer::json` is empty
  int32_t max_tokens = 1024;
  std::string route; // empty: the agent's route from the scenario
};

/// The model's answer and what it cost.
struct model_answer {
  boost::json::object json; // the answer's JSON object (for JSON prompts)
  std::string text;         // the answer as the model wrote it
  std::string provider;
  std::string model;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double cost_usd = 0.0;
  bool cached = false;
};

/// A person's decision on an approval request.
struct approval {
  bool approved = false;
  std::string decided_by; // "--approve", "--reject", "terminal"
  std::string note;
};

namespace detail {
class task_frame;
} // namespace detail

/// One task given to an agent: its inputs, and the way to answer it. Cheap
/// to copy; callbacks capture a copy. Every member function must be called
/// on the agent's own actor, that is from `on_task` or from a callback.
class task_context {
public:
  explicit task_context(std::shared_ptr<detail::task_frame> frame);

  /// The step's resolved `with` values.
  const boost::json::object& input() const;
  /// The agent's `params` from the scenario.
  const boost::json::object& params() const;
  const std::string& agent_id() const;
  const std::string& run_id() const;
  const std::string& step_id() const;
  /// The loop-back round, from 0.
  int round() const;
  /// The element's index in a for_each step, -1 otherwise.
  int item_index() const;

  using answer_handler = std::function<void(model_answer&)>;
  using error_handler = std::function<void(const caf::error&)>;
  using tool_handler = std::function<void(boost::json::value&)>;

  /// Asks the model on the agent's route. On failure (no provider could
  /// answer, budget refused, the answer holds no JSON object) the task
  /// fails with that error, unless `on_error` is given.
  void ask_model(model_prompt prompt, answer_handler on_answer);
  void ask_model(model_prompt prompt, answer_handler on_answer, error_handler on_error);

  /// Asks several prompts at once; `on_all` gets the answers in order once
  /// all have come. The first failure fails the task.
  void ask_model_all(std::vector<model_prompt> prompts,
                     std::function<void(std::vector<model_answer>&)> on_all);

  /// Calls the tool the param `tool_param` names (see agent_info::tool_params)
  /// with `args`. On failure the task fails, unless `on_error` is given.
  void call_tool(const std::string& tool_param, boost::json::object args,
                 tool_handler on_result);
  void call_tool(const std::string& tool_param, boost::json::object args,
                 tool_handler on_result, error_handler on_error);

  /// Asks a person to approve: `subject` in one line, then `summary`. The
  /// run's approver answers (`troupe run --approve`/`--reject`, or a prompt
  /// on the terminal). Fails the task when nobody can decide, e.g. no flag
  /// was given and stdin is not a terminal.
  void ask_approval(std::string subject, std::string summary,
                    std::function<void(approval&)> on_decision);

  /// Records a custom event in the run's trace under the task's span.
  void emit(const std::string& name, boost::json::object data);

  /// Answers the task with `output`, usually an object (`{{"key", v}}`). A
  /// non-empty `followup` asks for a loop-back round (see "loop_back" in
  /// docs/scenario-format.md) with that query.
  void reply(boost::json::value output, std::string followup = "");
  /// Fails the task with `err`, or with an agent_failed error saying `why`.
  void fail(caf::error err);
  void fail(const std::string& why);

  /// True once reply or fail was called.
  bool answered() const;

private:
  // The default error handler: a task fails with its first error only.
  void fail_once(const caf::error& err);

  std::shared_ptr<detail::task_frame> frame_;
};

/// The base class of every agent. One instance per agent of a run.
class agent {
public:
  virtual ~agent();
  /// Handles one task; answer it now or later through `ctx`.
  virtual void on_task(task_context ctx) = 0;
};

using agent_maker = std::function<std::unique_ptr<agent>()>;

/// Where agent types are registered, by name.
class agent_catalog {
public:
  virtual ~agent_catalog();
  virtual void add(agent_info info, agent_maker make) = 0;

  /// Registers `Agent`, default-constructed once per agent of a run.
  template <class Agent> void add(agent_info info) {
    add(std::move(info), [] { return std::unique_ptr<agent>{new Agent}; });
  }
};

} // namespace troupe

/// Defines a plugin's entry points: the API version it was built against
/// and its registration function, whose body follows the macro.
#define TROUPE_PLUGIN(catalog)                                                           \
  extern "C" int troupe_plugin_api_version() {                                           \
    return TROUPE_AGENT_API_VERSION;                                                     \
  }                                                                                      \
  extern "C" void troupe_register_plugin(::troupe::agent_catalog& catalog)

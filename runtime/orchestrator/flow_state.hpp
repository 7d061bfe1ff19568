#pragma once

#include "runtime/orchestrator/step_tasks.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <map>
#include <string>

namespace troupe {

/// Where a run is in its flow, and everything the finished steps produced.
/// Plain and deterministic: the orchestrator actor feeds it step outputs and
/// asks it what to run next, so the flow rules are tested without actors.
class flow_state {
public:
  /// What completing a step did to the flow.
  enum class transition {
    advanced,      // moved on to the next step (or finished)
    looped_back,   // jumped back to the loop_back target
    bound_reached, // needs_more ignored: the step used all its rounds
    no_progress,   // needs_more ignored: same follow-up as the last round
  };

  flow_state(const scenario_spec& spec, boost::json::object inputs);

  bool finished() const noexcept { return current_ >= spec_->flow.size(); }

  /// The step to run now; only valid while !finished().
  const step_spec& current() const { return spec_->flow[current_]; }

  /// Index of the current step in the flow (0-based).
  size_t current_index() const noexcept { return current_; }

  /// The tasks of the current step: one per element of a for_each step's
  /// list that its `where` keeps, else one.
  caf::expected<step_tasks> tasks() const;

  /// Records the current step's output and moves on. `needs_more` is the
  /// follow-up query the step's agent asked for, empty for none.
  transition complete(boost::json::value output, const std::string& needs_more);

  /// A finished task of the current step with identical inputs, or nullptr.
  /// Only fan-out items are remembered: after a loop-back, summarize runs
  /// again over old and new sources and only the new ones need work. A
  /// single-task step is re-run, since a loop exists to get a new answer.
  const boost::json::value* memo_find(const boost::json::value& input) const;
  void memo_store(const boost::json::value& input, boost::json::value output);

  const boost::json::object& inputs() const noexcept { return inputs_; }
  const boost::json::object& outputs() const noexcept { return outputs_; }
  int steps_completed() const noexcept { return steps_completed_; }
  int loop_rounds() const noexcept { return loop_rounds_; }
  const std::string& loop_query() const noexcept { return loop_query_; }

  /// Everything above as JSON, for state.json: what `restore` needs to go
  /// on from the last completed step.
  boost::json::object snapshot() const;

  /// Puts back a snapshot of a run of the same scenario; fails, naming the
  /// field, when it does not fit (a different or edited scenario).
  caf::error restore(const boost::json::object& snapshot);

private:
  caf::expected<step_tasks> single_task() const;
  caf::expected<step_tasks> fan_out_tasks() const;
  std::string memo_key(const boost::json::value& input) const;

  const scenario_spec* spec_;
  boost::json::object inputs_;
  boost::json::object outputs_;
  size_t current_ = 0;
  int steps_completed_ = 0;
  int loop_rounds_ = 0;
  std::string loop_query_;
  std::map<std::string, int> rounds_taken_; // by step id
  std::map<std::string, boost::json::value> memo_;
};

} // namespace troupe

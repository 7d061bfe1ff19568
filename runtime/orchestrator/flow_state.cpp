#include "runtime/orchestrator/flow_state.hpp"

#include "runtime/errors.hpp"
#include "runtime/orchestrator/binding_context.hpp"
#include "runtime/orchestrator/item_filter.hpp"

namespace troupe {

flow_state::flow_state(const scenario_spec& spec, boost::json::object inputs)
    : spec_(&spec), inputs_(std::move(inputs)) {}

caf::expected<step_tasks> flow_state::tasks() const {
  return current().for_each.empty() ? single_task() : fan_out_tasks();
}

caf::expected<step_tasks> flow_state::single_task() const {
  binding_context ctx{inputs_, outputs_, nullptr, loop_query_};
  auto x = ctx.expand(boost::json::value(current().with));
  if (!x)
    return x.error();
  step_tasks result;
  result.inputs.push_back(std::move(*x));
  result.item_indexes.push_back(-1);
  return result;
}

caf::expected<step_tasks> flow_state::fan_out_tasks() const {
  const auto& step = current();
  binding_context outer{inputs_, outputs_, nullptr, loop_query_};
  auto items = outer.resolve(step.for_each);
  if (!items || !items->is_array())
    return make_error(errc::invalid_input, "step '" + step.id + "': for_each '" +
                                               step.for_each + "' is not a list");
  boost::json::value with(step.with);
  item_filter filter{step.where};
  step_tasks result;
  const auto& list = items->as_array();
  for (size_t i = 0; i < list.size(); ++i) {
    binding_context ctx{inputs_, outputs_, &list[i], loop_query_};
    if (!filter.keeps(ctx)) {
      ++result.skipped;
      continue;
    }
    auto x = ctx.expand(with);
    if (!x)
      return x.error();
    result.inputs.push_back(std::move(*x));
    result.item_indexes.push_back(static_cast<int32_t>(i));
  }
  return result;
}

flow_state::transition flow_state::complete(boost::json::value output,
                                            const std::string& needs_more) {
  const auto& step = current();
  outputs_[step.id] = std::move(output);
  ++steps_completed_;
  auto next = [this] {
    ++current_;
    return transition::advanced;
  };
  if (needs_more.empty() || !step.loop_back)
    return next();
  auto& taken = rounds_taken_[step.id];
  if (taken >= step.loop_back->max_rounds) {
    ++current_;
    return transition::bound_reached;
  }
  if (taken > 0 && needs_more == loop_query_) {
    ++current_;
    return transition::no_progress;
  }
  ++taken;
  ++loop_rounds_;
  loop_query_ = needs_more;
  current_ = static_cast<size_t>(spec_->step_index(step.loop_back->to));
  return transition::looped_back;
}

std::string flow_state::memo_key(const boost::json::value& input) const {
  return current().id + '\n' + boost::json::serialize(input);
}

const boost::json::value* flow_state::memo_find(const boost::json::value& input) const {
  if (current().for_each.empty())
    return nullptr;
  auto i = memo_.find(memo_key(input));
  return i == memo_.end() ? nullptr : &i->second;
}

void flow_state::memo_store(const boost::json::value& input, boost::json::value output) {
  if (current().for_each.empty())
    return;
  memo_.insert_or_assign(memo_key(input), std::move(output));
}

boost::json::object flow_state::snapshot() const {
  boost::json::object rounds;
  for (const auto& [step, n] : rounds_taken_)
    rounds[step] = n;
  boost::json::object memo;
  for (const auto& [key, output] : memo_)
    memo[key] = output;
  return {{"current", current_},
          {"steps_completed", steps_completed_},
          {"loop_rounds", loop_rounds_},
          {"loop_query", loop_query_},
          {"rounds_taken", rounds},
          {"outputs", outputs_},
          {"memo", memo}};
}

namespace {

caf::error bad_snapshot(const std::string& what) {
  return make_error(errc::invalid_input, "the saved flow state " + what);
}

} // namespace

caf::error flow_state::restore(const boost::json::object& snapshot) {
  const auto* current = snapshot.if_contains("current");
  const auto* completed = snapshot.if_contains("steps_completed");
  const auto* rounds = snapshot.if_contains("loop_rounds");
  const auto* query = snapshot.if_contains("loop_query");
  const auto* taken = snapshot.if_contains("rounds_taken");
  const auto* outputs = snapshot.if_contains("outputs");
  const auto* memo = snapshot.if_contains("memo");
  if (!current || !current->is_int64() || !completed || !completed->is_int64() ||
      !rounds || !rounds->is_int64() || !query || !query->is_string() || !taken ||
      !taken->is_object() || !outputs || !outputs->is_object() || !memo ||
      !memo->is_object())
    return bad_snapshot("lacks one of current, steps_completed, loop_rounds, loop_query, "
                        "rounds_taken, outputs, memo, or has one of the wrong type");
  if (current->as_int64() < 0 ||
      current->as_int64() > static_cast<int64_t>(spec_->flow.size()))
    return bad_snapshot("points at step " + std::to_string(current->as_int64()) +
                        ", and the scenario has " + std::to_string(spec_->flow.size()));
  for (const auto& kv : outputs->as_object())
    if (spec_->find_step(std::string{kv.key()}) == nullptr)
      return bad_snapshot("has an output of step '" + std::string{kv.key()} +
                          "', which the scenario does not have");
  current_ = static_cast<size_t>(current->as_int64());
  steps_completed_ = static_cast<int>(completed->as_int64());
  loop_rounds_ = static_cast<int>(rounds->as_int64());
  loop_query_ = std::string{query->as_string()};
  rounds_taken_.clear();
  for (const auto& kv : taken->as_object())
    if (kv.value().is_int64())
      rounds_taken_[std::string{kv.key()}] = static_cast<int>(kv.value().as_int64());
  outputs_ = outputs->as_object();
  memo_.clear();
  for (const auto& kv : memo->as_object())
    memo_.emplace(std::string{kv.key()}, kv.value());
  return {};
}

} // namespace troupe

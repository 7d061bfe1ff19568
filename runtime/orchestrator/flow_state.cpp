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

} // namespace troupe

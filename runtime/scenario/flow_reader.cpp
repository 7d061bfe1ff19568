#include "runtime/scenario/flow_reader.hpp"

#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/placeholder.hpp"
#include "runtime/scenario/where_reader.hpp"

#include <algorithm>

namespace troupe {

namespace json = boost::json;

namespace {

constexpr int max_loop_rounds = 10;

/// Roots of references that are not steps, so steps may not take them as id.
const std::vector<std::string> reserved_ids{"inputs", "item", "loop"};

std::string describe(const step_spec& step, size_t index) {
  return step.id.empty() ? "step flow[" + std::to_string(index) + "]"
                         : "step '" + step.id + "'";
}

std::vector<std::string> first_n(const std::vector<std::string>& names, size_t n) {
  std::vector<std::string> result;
  for (size_t i = 0; i < n && i < names.size(); ++i)
    if (!names[i].empty())
      result.push_back(names[i]);
  return result;
}

} // namespace

flow_reader::flow_reader(load_context& ctx, const agent_registry& registry,
                         const scenario_spec& spec)
    : ctx_(ctx), registry_(registry), spec_(spec) {}

std::vector<std::string> flow_reader::step_ids(const json::array& flow) {
  std::vector<std::string> ids;
  for (const auto& value : flow) {
    const auto* obj = value.if_object();
    const auto* id = obj == nullptr ? nullptr : obj->if_contains("id");
    ids.push_back(id != nullptr && id->is_string() ? std::string{id->get_string()} : "");
  }
  return ids;
}

std::vector<step_spec> flow_reader::read(const json::object& root) {
  std::vector<step_spec> result;
  const auto* flow = ctx_.array_field(root, "", "flow", load_context::need::required);
  if (flow == nullptr)
    return result;
  if (flow->empty()) {
    ctx_.at_value("/flow", "the flow has no steps",
                  "add a step, e.g. {\"id\": \"search\", \"agent\": \"search\"}");
    return result;
  }
  std::vector<std::string> inputs;
  for (const auto& input : spec_.inputs)
    inputs.push_back(input.name);
  ids_ = step_ids(*flow);
  checker_.emplace(std::move(inputs), ids_);
  for (size_t i = 0; i < flow->size(); ++i)
    result.push_back(read_step((*flow)[i], i, json_locator::child("/flow", i)));
  return result;
}

step_spec flow_reader::read_step(const json::value& value, size_t index,
                                 const std::string& pointer) {
  step_spec step;
  const auto* obj = ctx_.as_object(value, pointer);
  if (obj == nullptr)
    return step;
  ctx_.check_keys(*obj, pointer,
                  {"id", "agent", "with", "for_each", "where", "loop_back"});
  read_id(*obj, index, pointer, step);
  step_name_ = describe(step, index);
  read_agent(*obj, pointer, step);
  read_for_each(*obj, index, pointer, step);
  step.where = where_reader{ctx_, step_name_}.read(*obj, pointer);
  read_with(*obj, index, pointer, step);
  check_required_inputs(*obj, pointer, step);
  read_loop_back(*obj, index, pointer, step);
  return step;
}

void flow_reader::read_id(const json::object& obj, size_t index,
                          const std::string& pointer, step_spec& step) {
  const auto* id = ctx_.string_field(obj, pointer, "id", load_context::need::required);
  if (id == nullptr)
    return;
  step.id = std::string{*id};
  auto id_pointer = json_locator::child(pointer, "id");
  if (!load_context::is_plain_name(step.id))
    ctx_.at_value(id_pointer, "step id '" + step.id + "' is not a plain name",
                  "use only letters, digits, '_' and '-', so that references like "
                  "{{STEP.FIELD}} can name it");
  else if (std::count(reserved_ids.begin(), reserved_ids.end(), step.id) > 0)
    ctx_.at_value(id_pointer, "step id '" + step.id + "' is reserved",
                  "'inputs', 'item' and 'loop' start references; pick another id");
  else if (auto first = checker_->step_index(step.id); first && *first != index)
    ctx_.at_value(id_pointer, "duplicate step id '" + step.id + "'",
                  "step ids must be unique; flow[" + std::to_string(*first) +
                      "] already uses it");
}

void flow_reader::read_agent(const json::object& obj, const std::string& pointer,
                             step_spec& step) {
  const auto* agent =
      ctx_.string_field(obj, pointer, "agent", load_context::need::required);
  if (agent == nullptr)
    return;
  step.agent = std::string{*agent};
  if (spec_.find_agent(step.agent) != nullptr)
    return;
  std::vector<std::string> agent_ids;
  for (const auto& declared : spec_.agents)
    agent_ids.push_back(declared.id);
  ctx_.at_value(json_locator::child(pointer, "agent"),
                step_name_ + " uses agent '" + step.agent +
                    "', which is not declared in \"agents\"",
                did_you_mean(step.agent, agent_ids, "declared agents"));
}

void flow_reader::read_for_each(const json::object& obj, size_t index,
                                const std::string& pointer, step_spec& step) {
  const auto* text = ctx_.string_field(obj, pointer, "for_each");
  if (text == nullptr)
    return;
  step.for_each = std::string{*text};
  if (auto problem = checker_->step_output(step.for_each, index, "for_each"))
    ctx_.at_value(json_locator::child(pointer, "for_each"), problem->message,
                  problem->hint);
}

void flow_reader::read_with(const json::object& obj, size_t index,
                            const std::string& pointer, step_spec& step) {
  const auto* with = ctx_.object_field(obj, pointer, "with");
  if (with == nullptr)
    return;
  step.with = *with;
  check_templates(obj.at("with"), json_locator::child(pointer, "with"), index,
                  obj.contains("for_each"));
}

void flow_reader::check_templates(const json::value& value, const std::string& pointer,
                                  size_t index, bool has_item) {
  if (const auto* text = value.if_string()) {
    check_template(*text, pointer, index, has_item);
  } else if (const auto* arr = value.if_array()) {
    for (size_t i = 0; i < arr->size(); ++i)
      check_templates((*arr)[i], json_locator::child(pointer, i), index, has_item);
  } else if (const auto* obj = value.if_object()) {
    for (const auto& member : *obj)
      check_templates(member.value(), json_locator::child(pointer, member.key()), index,
                      has_item);
  }
}

void flow_reader::check_template(const json::string& text, const std::string& pointer,
                                 size_t index, bool has_item) {
  auto where = load_context::path_of(pointer);
  for (const auto& p : placeholder::scan(text)) {
    if (!p.closed) {
      ctx_.in_string(pointer, p.offset, "unclosed '{{' in " + where,
                     "close it with '}}'");
    } else if (p.name.empty()) {
      ctx_.in_string(pointer, p.offset, "empty '{{}}' in " + where,
                     "put a reference between the braces, e.g. {{inputs.NAME}}");
    } else if (auto ref = reference::parse(p.name); !ref) {
      ctx_.in_string(pointer, p.offset, "'{{" + p.name + "}}' is not a valid reference",
                     "references are dotted paths like inputs.NAME or STEP.FIELD");
    } else if (auto problem = checker_->in_step(*ref, index, has_item)) {
      ctx_.in_string(pointer, p.offset, problem->message, problem->hint);
    }
  }
}

void flow_reader::check_required_inputs(const json::object& obj,
                                        const std::string& pointer,
                                        const step_spec& step) {
  const auto* agent = spec_.find_agent(step.agent);
  const auto* type = agent == nullptr ? nullptr : registry_.find(agent->type);
  const auto* with = obj.if_contains("with");
  // Without a type there is nothing to require; a broken `with` is reported.
  if (type == nullptr || (with != nullptr && !with->is_object()))
    return;
  auto where = with != nullptr ? json_locator::child(pointer, "with") : pointer;
  for (const auto& input : type->required_inputs)
    if (!step.with.contains(input))
      ctx_.at_value(where,
                    step_name_ + " does not give input '" + input +
                        "', which agent type '" + type->name + "' requires",
                    "add \"" + input + "\": \"{{...}}\" to the step's \"with\"");
}

void flow_reader::read_loop_back(const json::object& obj, size_t index,
                                 const std::string& pointer, step_spec& step) {
  const auto* loop = ctx_.object_field(obj, pointer, "loop_back");
  if (loop == nullptr)
    return;
  auto loop_pointer = json_locator::child(pointer, "loop_back");
  ctx_.check_keys(*loop, loop_pointer, {"to", "max_rounds"});
  loop_back_spec loop_back;
  using need = load_context::need;
  if (const auto* to = ctx_.string_field(*loop, loop_pointer, "to", need::required)) {
    loop_back.to = std::string{*to};
    auto target = checker_->step_index(loop_back.to);
    auto to_pointer = json_locator::child(loop_pointer, "to");
    if (!target)
      ctx_.at_value(to_pointer,
                    "loop_back of " + step_name_ + " goes to '" + loop_back.to +
                        "', which is not a step",
                    did_you_mean(loop_back.to, first_n(ids_, index + 1),
                                 "steps it can go back to"));
    else if (*target > index)
      ctx_.at_value(to_pointer,
                    "loop_back of " + step_name_ + " goes to step '" + loop_back.to +
                        "', which runs later",
                    "a loop can only go back to this step or an earlier one");
  }
  read_max_rounds(*loop, loop_pointer, loop_back);
  step.loop_back = loop_back;
}

void flow_reader::read_max_rounds(const json::object& loop, const std::string& pointer,
                                  loop_back_spec& loop_back) {
  if (!loop.contains("max_rounds")) {
    ctx_.at_value(
        pointer, "loop_back of " + step_name_ + " is unbounded: it has no \"max_rounds\"",
        "add \"max_rounds\": 2");
    return;
  }
  auto rounds = ctx_.integer_field(loop, pointer, "max_rounds");
  if (!rounds)
    return;
  if (*rounds < 1 || *rounds > max_loop_rounds) {
    ctx_.at_value(json_locator::child(pointer, "max_rounds"),
                  "max_rounds of " + step_name_ + " is " + std::to_string(*rounds) +
                      ", out of range 1.." + std::to_string(max_loop_rounds),
                  "use a bound from 1 to " + std::to_string(max_loop_rounds) +
                      ", e.g. \"max_rounds\": 2");
    return;
  }
  loop_back.max_rounds = static_cast<int>(*rounds);
}

} // namespace troupe

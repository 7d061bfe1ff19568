#include "runtime/scenario/shape_checker.hpp"

#include "runtime/scenario/json_shape.hpp"
#include "runtime/scenario/placeholder.hpp"

#include <algorithm>
#include <exception>
#include <map>

namespace troupe {

namespace json = boost::json;
using problem = json_shape::problem;

namespace {

const char* const registration_hint =
    "a bug in how the agent type is registered, not in the scenario; the shape "
    "notation is described in runtime/scenario/json_shape.hpp";

/// The reference a string is made of, when it is exactly one `{{reference}}`
/// and so keeps the referenced value's type.
std::optional<reference> whole_reference(std::string_view text) {
  auto refs = placeholder::scan(text);
  if (refs.size() != 1 || !refs[0].closed || refs[0].offset != 0 ||
      refs[0].end != text.size())
    return std::nullopt;
  return reference::parse(refs[0].name);
}

/// A shape as the loader uses it: valid notation, or "not declared".
json::value usable(json::value shape) {
  if (shape.is_null() || json_shape::declaration_error(shape))
    return nullptr;
  return shape;
}

bool requires_input(const agent_type& type, const std::string& name) {
  return std::count(type.required_inputs.begin(), type.required_inputs.end(), name) > 0;
}

void check_declaration(load_context& ctx, const agent_type& type, const char* what,
                       const json::value& shape) {
  if (shape.is_null())
    return;
  if (auto error = json_shape::declaration_error(shape))
    ctx.in_file("agent type '" + type.name + "' declares an invalid " + what + ": " +
                    *error,
                registration_hint);
}

/// A required field of the input shape must be a required input too: that
/// check reports it missing, this one only checks what is given.
void check_required_fields(load_context& ctx, const agent_type& type,
                           const json::object& fields) {
  for (const auto& member : fields) {
    auto name = json_shape::field_name(member.key());
    if (!json_shape::is_optional(member.key()) && !requires_input(type, name))
      ctx.in_file("agent type '" + type.name + "' has input_shape field '" + name +
                      "', which its required_inputs do not list",
                  "list it in required_inputs, or write \"" + name +
                      "?\" in input_shape if steps may leave it out");
  }
}

void check_input_declaration(load_context& ctx, const agent_type& type) {
  if (type.input_shape.is_null() || json_shape::declaration_error(type.input_shape)) {
    check_declaration(ctx, type, "input_shape", type.input_shape);
  } else if (const auto* fields = type.input_shape.if_object()) {
    check_required_fields(ctx, type, *fields);
  } else {
    ctx.in_file("agent type '" + type.name +
                    "' declares an input_shape that is not an "
                    "object shape",
                "give one field per step input, e.g. {\"question\": \"string\"}");
  }
}

/// "... gives an array of objects without field 'findings' at
/// summaries[].findings, which agent type 'analyze' needs".
std::string shortfall(const problem& p, const std::string& what, const json::value& shape,
                      const std::string& name, const std::string& type) {
  auto gives = what + " gives ";
  auto needs = ", which agent type '" + type + "' needs";
  switch (p.what) {
  case problem::kind::missing_field:
    return gives + json_shape::describe(shape) + " without field '" + p.field + "' at " +
           p.path + needs;
  case problem::kind::optional_field:
    return gives + json_shape::describe(shape) + " in which field '" + p.field +
           "' may be missing at " + p.path + needs;
  case problem::kind::wrong_type:
    break;
  }
  auto where = ", where agent type '" + type + "' needs " + p.expected;
  if (p.path == name)
    return gives + p.produced + where;
  return gives + json_shape::describe(shape) + " with " + p.produced + " at " + p.path +
         where;
}

} // namespace

shape_checker::shape_checker(load_context& ctx, const agent_registry& registry,
                             const scenario_spec& spec)
    : ctx_(ctx), registry_(registry), spec_(spec) {}

void shape_checker::check_types() {
  for (const auto& name : registry_.names()) {
    const auto& type = *registry_.find(name);
    check_input_declaration(ctx_, type);
    check_declaration(ctx_, type, "output_shape", type.output_shape);
  }
}

void shape_checker::check_flow() {
  std::map<std::string, output> agents;
  for (const auto& agent : spec_.agents)
    agents.emplace(agent.id, agent_output(agent));
  for (size_t i = 0; i < spec_.flow.size(); ++i) {
    check_step(i);
    const auto& step = spec_.flow[i];
    auto agent = agents.find(step.agent);
    output out = agent == agents.end() ? output{} : agent->second;
    if (!step.for_each.empty() && !out.task_shape.is_null())
      out.shape = json::array{out.task_shape};
    steps_.push_back(std::move(out));
  }
}

shape_checker::output shape_checker::agent_output(const agent_spec& agent) {
  const auto* type = registry_.find(agent.type);
  if (type == nullptr)
    return {};
  // A type's fixed output shape was checked by check_types(); a derived one
  // depends on this agent's params, so it is checked here.
  auto shape =
      type->output_shape_for ? derived_output(*type, agent) : usable(type->output_shape);
  if (shape.is_null())
    return {};
  return {shape, type->name, shape};
}

json::value shape_checker::derived_output(const agent_type& type,
                                          const agent_spec& agent) {
  auto pointer = json_locator::child("/agents", agent.id);
  auto who = "agent '" + agent.id + "' (type " + type.name + ")";
  try {
    auto shape = type.output_shape_for(agent);
    auto error = json_shape::declaration_error(shape);
    if (shape.is_null() || !error)
      return shape;
    ctx_.at_key(pointer, who + " has an invalid output shape: " + *error,
                registration_hint);
    return nullptr;
  } catch (const std::exception& e) {
    // Params are the scenario's; a type that cannot cope must not stop the loader.
    ctx_.at_key(pointer, who + ": its output shape cannot be worked out: " + e.what(),
                "check the agent's \"params\"; if they are right, " +
                    std::string{registration_hint});
    return nullptr;
  }
}

const json::object* shape_checker::input_fields(const agent_type& type) {
  if (type.input_shape.is_null() || json_shape::declaration_error(type.input_shape))
    return nullptr;
  return type.input_shape.if_object();
}

void shape_checker::check_step(size_t index) {
  const auto& step = spec_.flow[index];
  const auto* agent = spec_.find_agent(step.agent);
  const auto* type = agent == nullptr ? nullptr : registry_.find(agent->type);
  const auto* fields = type == nullptr ? nullptr : input_fields(*type);
  if (fields == nullptr)
    return;
  // Inputs not given are the required-inputs check's to report.
  for (const auto& member : *fields) {
    auto name = json_shape::field_name(member.key());
    if (const auto* value = step.with.if_contains(name))
      check_input(index, *type, name, member.value(), *value);
  }
}

void shape_checker::check_input(size_t index, const agent_type& type,
                                const std::string& name, const json::value& expected,
                                const json::value& value) {
  auto pointer = json_locator::child(
      json_locator::child(json_locator::child("/flow", index), "with"), name);
  auto given = given_by(value, index);
  auto hint = given.from != nullptr
                  ? "agent type '" + given.from->type +
                        "' produces: " + json_shape::to_text(given.from->task_shape)
                  : "agent type '" + type.name + "' needs \"" + name +
                        "\": " + json_shape::to_text(expected);
  if (!given.stray_field.empty()) {
    ctx_.at_value(pointer, input_name(index, name) + given.stray_field, hint);
    return;
  }
  for (const auto& p : json_shape::compare(given.shape, expected, name))
    ctx_.at_value(pointer,
                  input_name(index, name) +
                      shortfall(p, given.what, given.shape, name, type.name),
                  hint);
}

shape_checker::given shape_checker::given_by(const json::value& value,
                                             size_t index) const {
  if (const auto* text = value.if_string())
    if (auto ref = whole_reference(*text))
      return of_reference(*ref, index);
  given out;
  out.shape = json_shape::of_value(
      value, [&](const json::string& text) { return string_shape(text, index); });
  out.what = value.is_string() ? "the text" : "the value";
  return out;
}

json::value shape_checker::string_shape(const json::string& text, size_t index) const {
  auto ref = whole_reference(text);
  if (!ref)
    return "string";
  // Inside a literal, a reference that leaves its producer's shape is not
  // reported: only what an input gives directly is.
  auto given = of_reference(*ref, index);
  return given.stray_field.empty() ? given.shape : json::value("any");
}

shape_checker::given shape_checker::of_reference(const reference& ref,
                                                 size_t index) const {
  given out;
  out.what = "'{{" + ref.text + "}}'";
  if (ref.root == "inputs" || ref.root == "loop") {
    out.shape = "string";
    return out;
  }
  if (ref.root == "item")
    return of_item(ref, index);
  return of_step(ref, index, std::move(out));
}

shape_checker::given shape_checker::of_step(const reference& ref, size_t index,
                                            given out) const {
  auto producer = spec_.step_index(ref.root);
  // A later or unknown step is a reference error, reported elsewhere.
  if (producer < 0 || static_cast<size_t>(producer) >= index)
    return out;
  if (ref.fields.empty())
    out.what = "step '" + ref.root + "'";
  const auto& from = steps_[static_cast<size_t>(producer)];
  follow(from, from.shape, ref, out);
  return out;
}

shape_checker::given shape_checker::of_item(const reference& ref, size_t index) const {
  given out;
  out.what = "'{{" + ref.text + "}}'";
  auto source = reference::parse(spec_.flow[index].for_each);
  if (!source)
    return out;
  auto array = of_step(*source, index, {});
  auto element = json_shape::at(array.shape, {"0"});
  if (array.from == nullptr || !array.stray_field.empty() || !element)
    return out;
  follow(*array.from, *element, ref, out);
  return out;
}

/// Follows `ref`'s fields from `shape`, a part of what `from` outputs.
void shape_checker::follow(const output& from, json::value shape, const reference& ref,
                           given& out) const {
  if (from.task_shape.is_null())
    return;
  out.from = &from;
  for (const auto& field : ref.fields) {
    auto next = json_shape::at(shape, {field});
    if (!next) {
      out.stray_field =
          out.what + " refers to field '" + field + "', " +
          (shape.is_object() ? "which agent type '" + from.type + "' does not produce"
                             : "inside " + json_shape::describe(shape));
      return;
    }
    shape = std::move(*next);
  }
  out.shape = std::move(shape);
}

std::string shape_checker::input_name(size_t index, const std::string& name) const {
  const auto& id = spec_.flow[index].id;
  auto step =
      id.empty() ? "step flow[" + std::to_string(index) + "]" : "step '" + id + "'";
  return step + " input '" + name + "': ";
}

} // namespace troupe

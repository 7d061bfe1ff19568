#include "agents/structured_agent.hpp"

#include "agents/source_documents.hpp"
#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"

namespace troupe {

namespace {

namespace json = boost::json;

const json::object& properties_of(const json::value& schema) {
  static const json::object none;
  const auto& p = value_at(schema, "properties");
  return p.is_object() ? p.as_object() : none;
}

/// The values a property allows: its `enum`, or the `const`s of its oneOf.
std::vector<json::value> allowed_values(const json::value& property) {
  std::vector<json::value> out;
  for (const auto& v : array_at(property, "enum"))
    out.push_back(v);
  for (const auto& option : array_at(property, "oneOf"))
    if (const auto* c =
            option.is_object() ? option.as_object().if_contains("const") : nullptr)
      out.push_back(*c);
  return out;
}

/// The shape notation of a JSON Schema: types map to leaf types, objects
/// with properties and arrays with items recurse.
json::value shape_of_schema(const json::value& schema, int depth = 0) {
  auto type = string_at(schema, "type");
  if (depth > 16)
    return "any";
  if (type == "object" && !properties_of(schema).empty()) {
    json::object out;
    for (const auto& kv : properties_of(schema))
      out[kv.key()] = shape_of_schema(kv.value(), depth + 1);
    return out;
  }
  if (type == "array" && value_at(schema, "items").is_object())
    return json::array{shape_of_schema(value_at(schema, "items"), depth + 1)};
  for (const char* leaf : {"string", "number", "integer", "boolean", "object", "array"})
    if (type == leaf)
      return json::string{leaf};
  return "any";
}

json::value output_for(const json::object& params) {
  auto shape = shape_of_schema(value_at(params, "schema"));
  auto out = shape.is_object() ? shape.as_object() : json::object{};
  for (const auto& name : array_at(params, "carry"))
    if (name.is_string())
      out[name.as_string()] = "any";
  out["model"] = "string";
  return out;
}

std::string check(const json::object& params) {
  const auto& schema = value_at(params, "schema");
  if (!schema.is_object())
    return "needs param 'schema', a JSON Schema object such as "
           "{\"type\": \"object\", \"properties\": {\"label\": {\"type\": \"string\"}}}";
  if (string_at(schema, "type") != "object" || properties_of(schema).empty())
    return "param 'schema' must be of \"type\": \"object\" with \"properties\"";
  for (const auto& name : array_at(params, "carry"))
    if (!name.is_string())
      return "param 'carry' must list input names (strings)";
  return "";
}

/// What is wrong with `answer` under `schema`, or "".
std::string violation(const json::object& answer, const json::value& schema) {
  for (const auto& name : array_at(schema, "required"))
    if (name.is_string() && !answer.contains(name.as_string()))
      return "the answer lacks required property '" + std::string{name.as_string()} + "'";
  for (const auto& kv : properties_of(schema)) {
    auto allowed = allowed_values(kv.value());
    const auto* given = answer.if_contains(kv.key());
    if (allowed.empty() || given == nullptr)
      continue;
    if (std::find(allowed.begin(), allowed.end(), *given) == allowed.end())
      return "property '" + std::string{kv.key()} + "' is " + json::serialize(*given) +
             ", not one of the schema's values";
  }
  return "";
}

std::map<std::string, std::string> prompt_vars(const json::object& inputs) {
  std::map<std::string, std::string> vars;
  for (const auto& kv : inputs)
    vars.emplace(kv.key(), escape_block_text(text_of(kv.value())));
  return vars;
}

} // namespace

agent_info structured_agent::info() {
  agent_info i;
  i.name = "structured";
  i.description = "asks the model for a JSON answer shaped by params.schema; its prompt "
                  "reads the task's inputs by name";
  i.uses_model = true;
  i.needs_prompt = true;
  i.prompt_reads_inputs = true;
  i.check_params = check;
  i.output_for_params = output_for;
  return i;
}

void structured_agent::on_task(task_context ctx) {
  const auto& schema = value_at(ctx.params(), "schema");
  model_prompt prompt;
  prompt.operation = string_at(ctx.params(), "operation");
  if (prompt.operation.empty())
    prompt.operation = ctx.agent_id();
  prompt.schema = schema;
  auto max_tokens = int_at(ctx.params(), "max_tokens");
  prompt.max_tokens = max_tokens > 0 ? static_cast<int32_t>(max_tokens) : 400;
  prompt.vars = prompt_vars(ctx.input());
  ctx.ask_model(std::move(prompt), [ctx, schema](model_answer& answer) mutable {
    if (auto problem = violation(answer.json, schema); !problem.empty())
      return ctx.fail(make_error(errc::malformed_answer,
                                 "agent '" + ctx.agent_id() + "': " + problem));
    json::object out;
    for (const auto& kv : properties_of(schema))
      if (const auto* v = answer.json.if_contains(kv.key()))
        out[kv.key()] = *v;
    for (const auto& name : array_at(ctx.params(), "carry"))
      if (name.is_string())
        out[name.as_string()] = value_at(ctx.input(), name.as_string());
    out["model"] = answer.provider + "/" + answer.model;
    ctx.reply(std::move(out));
  });
}

} // namespace troupe

#include "runtime/scenario/prompt_reader.hpp"

#include "runtime/scenario/did_you_mean.hpp"
#include "runtime/scenario/read_text_file.hpp"

#include <algorithm>
#include <caf/error.hpp>

namespace troupe {

namespace json = boost::json;

namespace {

/// "line:col" of byte `offset` in a prompt file, for messages about it.
std::string line_and_column(const std::string& text, size_t offset) {
  auto begin = text.begin();
  auto at = begin + static_cast<long>(std::min(offset, text.size()));
  auto line = 1 + std::count(begin, at, '\n');
  auto line_start =
      std::find(std::make_reverse_iterator(at), std::make_reverse_iterator(begin), '\n')
          .base();
  // Continuation bytes do not start a character, so they add no column.
  auto column =
      1 + std::count_if(line_start, at, [](char c) { return (c & 0xC0) != 0x80; });
  return std::to_string(line) + ":" + std::to_string(column);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

prompt_reader::prompt_reader(load_context& ctx, const std::vector<input_spec>& inputs)
    : ctx_(ctx) {
  for (const auto& input : inputs)
    inputs_.push_back(input.name);
}

void prompt_reader::read(const json::value& value, const std::string& pointer,
                         const agent_type* type, agent_spec& agent) {
  auto src = read_source(value, pointer, agent);
  if (!src || !check_placeholders(*src, agent))
    return;
  auto parsed = prompt_template::parse(src->text, src->version);
  if (!parsed) {
    ctx_.at_value(pointer, "prompt of agent '" + agent.id +
                               "' is invalid: " + caf::to_string(parsed.error()));
    return;
  }
  agent.prompt = std::move(*parsed);
  agent.prompt_source = src->origin;
  if (type != nullptr)
    check_variables(*src, *type, agent);
}

std::optional<prompt_reader::source>
prompt_reader::read_source(const json::value& value, const std::string& pointer,
                           const agent_spec& agent) {
  if (const auto* text = value.if_string())
    return source{std::string{*text}, "1", "inline", pointer, true};
  if (const auto* obj = value.if_object())
    return read_object(*obj, pointer, agent);
  ctx_.at_value(pointer,
                load_context::path_of(pointer) + " must be a string or an object",
                "write the prompt inline, or use {\"file\": \"prompts/NAME.txt\"}");
  return std::nullopt;
}

std::optional<prompt_reader::source>
prompt_reader::read_object(const json::object& obj, const std::string& pointer,
                           const agent_spec& agent) {
  ctx_.check_keys(obj, pointer, {"text", "file", "version"});
  const auto* version = ctx_.string_field(obj, pointer, "version");
  const auto* text = ctx_.string_field(obj, pointer, "text");
  const auto* file = ctx_.string_field(obj, pointer, "file");
  if (obj.contains("text") == obj.contains("file")) {
    ctx_.at_value(pointer,
                  "prompt of agent '" + agent.id +
                      (obj.contains("text") ? "' has both \"text\" and \"file\""
                                            : "' has neither \"text\" nor \"file\""),
                  "give exactly one of them");
    return std::nullopt;
  }
  std::optional<source> src;
  if (text != nullptr)
    src = source{std::string{*text}, "1", "inline", json_locator::child(pointer, "text"),
                 true};
  else if (file != nullptr)
    src = read_file(*file, json_locator::child(pointer, "file"));
  if (src && version != nullptr)
    src->version = std::string{*version};
  return src;
}

std::optional<prompt_reader::source>
prompt_reader::read_file(const json::string& file, const std::string& pointer) {
  auto path = ctx_.resolve(file);
  auto text = read_text_file(path);
  if (!text) {
    ctx_.at_value(pointer, "cannot read prompt file '" + path.string() + "'",
                  "prompt files are resolved against the scenario folder " +
                      ctx_.base_dir().string());
    return std::nullopt;
  }
  return source{std::move(*text), "1", path.string(), pointer, false};
}

bool prompt_reader::check_placeholders(const source& src, const agent_spec& agent) {
  auto errors = ctx_.error_count();
  for (const auto& p : placeholder::scan(src.text)) {
    if (!p.closed)
      report(src, p.offset, "prompt of agent '" + agent.id + "' has an unclosed '{{'",
             "close it with '}}'");
    else if (p.name.empty())
      report(src, p.offset, "prompt of agent '" + agent.id + "' has an empty '{{}}'",
             "put a variable name between the braces");
  }
  return ctx_.error_count() == errors;
}

void prompt_reader::check_variables(const source& src, const agent_type& type,
                                    const agent_spec& agent) {
  std::vector<std::string> available;
  for (const auto& input : inputs_)
    available.push_back("inputs." + input);
  available.insert(available.end(), type.prompt_variables.begin(),
                   type.prompt_variables.end());
  std::vector<std::string> reported;
  for (const auto& p : placeholder::scan(src.text)) {
    if (contains(available, p.name) || contains(reported, p.name))
      continue;
    // Such types fill names from the task's inputs, known only at run time.
    if (type.prompt_reads_inputs && p.name.rfind("inputs.", 0) != 0)
      continue;
    reported.push_back(p.name);
    report(src, p.offset,
           "prompt of agent '" + agent.id + "' uses '{{" + p.name +
               "}}', which nothing provides",
           did_you_mean(p.name, available, "available to prompts of type " + type.name));
  }
}

void prompt_reader::report(const source& src, size_t offset, std::string message,
                           std::string hint) {
  if (src.in_json)
    ctx_.in_string(src.pointer, offset, std::move(message), std::move(hint));
  else
    ctx_.at_value(src.pointer,
                  message + " (at " + src.origin + ":" +
                      line_and_column(src.text, offset) + ")",
                  std::move(hint));
}

} // namespace troupe

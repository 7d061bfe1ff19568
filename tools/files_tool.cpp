#include "tools/files_tool.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"
#include "runtime/tool/tool_call_event.hpp"
#include "runtime/trace/trace_event_json.hpp"

namespace troupe {

namespace {

boost::json::object to_json(folder_file& file) {
  boost::json::object out{{"name", file.name}, {"text", std::move(file.text)}};
  if (file.json)
    out["json"] = std::move(*file.json);
  return out;
}

/// `err` with the tool named first, for runs with several files tools.
caf::error from_tool(const std::string& tool_id, const caf::error& err) {
  return make_error(static_cast<errc>(err.code()),
                    "files tool '" + tool_id + "': " + describe(err));
}

} // namespace

tool_actor::behavior_type files_tool(tool_actor::stateful_pointer<files_tool_state> self,
                                     folder_reader reader, std::string tool_id,
                                     tool_env env) {
  self->state.reader.emplace(std::move(reader));
  return {
      [=](tool_call& call) -> caf::result<tool_result> {
        auto start = now_us();
        const auto& name = value_at(call.args, "name");
        if (!name.is_string())
          return make_error(errc::invalid_input,
                            "files tool '" + tool_id +
                                "' needs a string \"name\" in its arguments: the path "
                                "of a file inside folder " +
                                self->state.reader->root().string());
        auto file = self->state.reader->read(text_of(name));
        auto ev = tool_call_event(call, tool_id, ++self->state.calls, start);
        auto& attributes = ev.attributes.as_object();
        // File names are content, like a corpus's document ids: they say
        // what the run was about.
        if (env.capture_content)
          attributes["troupe.file.name"] = name;
        if (!file) {
          ev.status = "error";
          attributes["error.message"] = describe(file.error());
          self->send(env.trace, std::move(ev));
          return from_tool(tool_id, file.error());
        }
        attributes["troupe.file.bytes"] = file->text.size();
        self->send(env.trace, std::move(ev));
        return tool_result{to_json(*file)};
      },
  };
}

} // namespace troupe

#include "agents/load_file_agent.hpp"

#include "runtime/agent/json_access.hpp"

namespace troupe {

agent_info load_file_agent::info() {
  agent_info i;
  i.name = "load_file";
  i.description = "reads a text, .json or .jsonl file through a files tool";
  i.input = boost::json::parse(R"({"name": "string"})");
  i.output = boost::json::parse(R"({"name": "string", "text": "string", "json": "any"})");
  i.tool_params = {"tool"};
  return i;
}

void load_file_agent::on_task(task_context ctx) {
  auto name = string_at(ctx.input(), "name");
  if (name.empty())
    return ctx.fail("needs a non-empty 'name' input: the file's path inside the "
                    "files tool's folder");
  ctx.call_tool("tool", {{"name", name}}, [ctx](boost::json::value& file) mutable {
    auto* found = file.if_object();
    if (found == nullptr || !value_at(*found, "text").is_string())
      return ctx.fail("its tool answered without a file's \"text\"; param 'tool' "
                      "must name a tool of type files");
    boost::json::object out;
    out["name"] = std::move((*found)["name"]);
    out["text"] = std::move((*found)["text"]);
    // Null when the file is no JSON, so later steps always find the key.
    if (auto* json = found->if_contains("json"))
      out["json"] = std::move(*json);
    else
      out["json"] = nullptr;
    ctx.reply(std::move(out));
  });
}

} // namespace troupe

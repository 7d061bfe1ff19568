#pragma once

// The load_file agent reads one file through a files tool.
//   orchestrator --task{name}--> load_file --tool_call{name}--> files tool
//   orchestrator <--{name, text, json}-- load_file <--{name, text, json?}--
// `json` is the parsed content of a .json file, the array of the lines of a
// .jsonl file, and null for other files. A file the tool refuses (outside
// the folder, missing, binary, too large, invalid JSON) fails the task with
// the tool's message. No model call.
// Params: "tool" (required, a files tool id).

#include "troupe/agent.hpp"

namespace troupe {

class load_file_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe

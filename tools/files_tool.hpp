#pragma once

// The files tool reads text files of one folder by name.
//   agent --tool_call{name}--> files_tool : reads FOLDER/name
//   agent <--tool_result{name, text, json?}--
// `json` comes with .json files (the parsed value) and .jsonl files (the
// array of parsed lines). Names stay inside the folder; large, binary and
// invalid JSON files are errors (see folder_reader). Every call is recorded
// as a tool_call trace event with the bytes read, and with content capture
// the file's name. Spawned detached: it blocks on disk reads.

#include "runtime/tool/tool_actor.hpp"
#include "runtime/tool/tool_env.hpp"
#include "tools/folder_reader.hpp"

#include <optional>
#include <string>

namespace troupe {

struct files_tool_state {
  static inline const char* name = "files_tool";
  std::optional<folder_reader> reader;
  int64_t calls = 0;
};

tool_actor::behavior_type files_tool(tool_actor::stateful_pointer<files_tool_state> self,
                                     folder_reader reader, std::string tool_id,
                                     tool_env env);

} // namespace troupe

#pragma once

// The corpus tool answers searches over a local folder of documents.
//   agent --tool_call{query, max_results}--> corpus_tool : bm25 search in SQLite
//   agent <--tool_result{query, hits: [{id, title, path, snippet, text, score}]}--
// Every search is recorded as a tool_call trace event: its hit count, and
// with content capture its query and the hits' document ids. The index is
// refreshed once when the tool starts (only changed files are re-read); the
// first search's event also says how many files that refresh skipped, and
// with content capture which.
// Spawned detached: SQLite reads block on disk, not on a scheduler thread.

#include "runtime/tool/tool_actor.hpp"
#include "runtime/tool/tool_env.hpp"
#include "tools/corpus_index.hpp"

#include <optional>
#include <string>

namespace troupe {

struct corpus_tool_state {
  static inline const char* name = "corpus_tool";
  std::optional<corpus_index> index;
  index_stats refreshed; // what the refresh at start did
  int64_t calls = 0;
};

tool_actor::behavior_type
corpus_tool(tool_actor::stateful_pointer<corpus_tool_state> self, corpus_index index,
            index_stats refreshed, std::string tool_id, tool_env env);

} // namespace troupe

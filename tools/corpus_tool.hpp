#pragma once

// The corpus tool answers one run's searches over a local folder of documents.
//   agent --tool_call{query, max_results}--> corpus_tool --> corpus_searcher
//   agent <--tool_result{query, hits: [{id, title, path, snippet, text, score}]}--
// Every search is recorded in the run's trace as a tool_call event: its hit
// count, and with content capture its query and the hits' document ids. The
// index is refreshed once when its searcher starts (only changed files are
// re-read); the first search's event also says how many files that refresh
// skipped, and with content capture which.
// An event-based actor without a thread of its own: the searcher, shared by
// the runs of the process that use the same index, does the disk work.

#include "runtime/tool/tool_actor.hpp"
#include "runtime/tool/tool_env.hpp"
#include "tools/corpus_index.hpp"

#include <memory>
#include <string>

namespace troupe {

struct corpus_tool_state {
  static inline const char* name = "corpus_tool";
  int64_t calls = 0;
};

/// With `owns_searcher`, the tool stops `searcher` when it ends.
tool_actor::behavior_type
corpus_tool(tool_actor::stateful_pointer<corpus_tool_state> self, tool_actor searcher,
            std::shared_ptr<const index_stats> refreshed, std::string tool_id,
            tool_env env, bool owns_searcher);

} // namespace troupe

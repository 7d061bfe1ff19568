#pragma once

// The corpus searcher owns one opened corpus index and answers searches on
// it, for every run of the process that uses that index.
//   corpus_tool --tool_call{query, max_results}--> searcher : bm25 search
//   corpus_tool <--tool_result{query, hits: [{id, title, path, snippet, text,
//                                             score}]}-- (or the search's error)
// It records nothing: each run's corpus_tool traces the calls of its run.
// Spawned detached: SQLite reads block on disk, not on a scheduler thread.

#include "runtime/tool/tool_actor.hpp"
#include "tools/corpus_index.hpp"

#include <optional>
#include <string>

namespace troupe {

struct corpus_searcher_state {
  static inline const char* name = "corpus_searcher";
  std::optional<corpus_index> index;
};

tool_actor::behavior_type
corpus_searcher(tool_actor::stateful_pointer<corpus_searcher_state> self,
                corpus_index index);

/// `max_results` from a call's args: 8 when absent, clamped to 1..50.
int max_results_of(const boost::json::value& args);

} // namespace troupe

#pragma once

// What a trace says about each task's answer, for `troupe trace diff`.
// Outputs are compared in the best way both traces allow: the outputs
// themselves when content was captured; else their hashes (result events
// carry troupe.output.hash whatever the capture setting); else, for traces
// written before there were hashes, what the trace holds of the answer:
// the number of search hits and of answer tokens, which miss a change that
// keeps them.

#include "runtime/trace/recorded_trace.hpp"
#include "runtime/trace/views/ordered_map.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <string>

namespace troupe {

struct task_outcome {
  std::string label;  // "summarize/t3", with " round N" after the first round
  std::string status; // the result's, or "unfinished"
  const boost::json::value* output = nullptr; // when content was captured
  std::string hash;                           // troupe.output.hash, when recorded
  int64_t bytes = 0;                          // troupe.output.bytes
  std::string evidence; // "3 hits", "122 answer tokens": the stand-in
};

/// How two outcomes of the same task compare.
struct outcome_comparison {
  std::string basis; // "output", "output hash", "hits, tokens"
  std::string a;     // what was compared, short
  std::string b;
  bool same = false;
};

/// The tasks of `trace` (reused ones have no answer of their own and are
/// left out), keyed by step, round and task index, which match across two
/// runs of a scenario.
ordered_map<task_outcome> collect_task_outcomes(const recorded_trace& trace);

outcome_comparison compare_outcomes(const task_outcome& a, const task_outcome& b);

} // namespace troupe

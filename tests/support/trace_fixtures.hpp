#pragma once

// Traces for the trace tests: the recorded ones in tests/data, the golden
// files of what is made of them (TROUPE_UPDATE_GOLDEN=1 rewrites those
// after a deliberate change; review the diff), and small traces written
// line by line.

#include "runtime/trace/trace_reader.hpp"
#include "trace_file.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace troupe::test {

inline const std::string data_dir = TROUPE_SOURCE_DIR "/tests/data/";

/// tests/data/research_assistant_trace.jsonl, or another trace there.
inline recorded_trace
recorded(const std::string& name = "research_assistant_trace.jsonl") {
  // Named as from the source folder, so that what views print does not
  // depend on where the checkout is.
  std::ifstream in{data_dir + name};
  REQUIRE(in.good());
  auto trace = troupe::read_trace(in, "tests/data/" + name);
  REQUIRE(trace);
  return std::move(*trace);
}

inline void check_golden(const std::string& name, const std::string& actual) {
  auto path = data_dir + "golden/" + name;
  if (std::getenv("TROUPE_UPDATE_GOLDEN") != nullptr)
    std::ofstream{path} << actual;
  auto expected = slurp(path);
  INFO("golden file " << path << "; TROUPE_UPDATE_GOLDEN=1 rewrites it");
  CHECK(actual == expected);
}

inline recorded_trace read_text(const std::string& text) {
  std::istringstream in{text};
  auto trace = troupe::read_trace(in, "t.jsonl");
  REQUIRE(trace);
  return std::move(*trace);
}

/// A text's lines, for checks on a few of them.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in{text};
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

/// A minimal event line of run "r"; `rest` adds fields (",\"from\":...").
inline std::string event(const std::string& kind, int64_t ts, const std::string& span,
                         const std::string& rest = "") {
  return R"({"ts_us":)" + std::to_string(ts) + R"(,"kind":")" + kind +
         R"(","run_id":"r","span_id":")" + span +
         R"(","parent_span_id":"","duration_us":0,"cost_usd":0,"status":"ok")" + rest +
         "}\n";
}

/// The attributes a run_start needs.
inline const std::string schema = R"(,"attributes":{"schema":"troupe.trace/1"})";

} // namespace troupe::test

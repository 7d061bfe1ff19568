#pragma once

// The scenario loader's test fixture: a scratch folder, fake agent and tool
// types, a small valid scenario (`mini`) to change, and checks of errors.
// Shared by the loader's test files.

#include "runtime/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

namespace troupe::test {

namespace fs = std::filesystem;

/// A temporary folder that removes itself.
class scratch_dir {
public:
  scratch_dir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("troupe-loader-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;

  const fs::path& path() const { return path_; }

  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream{path_ / name} << text;
  }

private:
  fs::path path_;
};

inline agent_type fake_agent(std::string name, std::vector<std::string> inputs,
                             std::vector<std::string> prompt_variables) {
  agent_type t;
  t.name = std::move(name);
  t.required_inputs = std::move(inputs);
  t.prompt_variables = std::move(prompt_variables);
  t.needs_prompt = true;
  t.needs_route = true;
  return t;
}

inline agent_registry fake_agents() {
  agent_registry registry;
  agent_type search;
  search.name = "search";
  search.required_inputs = {"query"};
  search.tool_params = {"tool"};
  registry.add(search);
  registry.add(fake_agent("summarize", {"question", "source"},
                          {"question", "source_id", "source_title", "source_text"}));
  registry.add(
      fake_agent("analyze", {"question", "summaries"}, {"question", "documents"}));
  registry.add(fake_agent("refine", {"question", "analysis", "summaries"},
                          {"question", "documents", "claims"}));
  return registry;
}

inline tool_registry fake_tools() {
  tool_registry registry;
  tool_type corpus;
  corpus.name = "corpus";
  corpus.required_params = {"path"};
  corpus.optional_params = {"index"};
  corpus.path_params = {"path"};
  registry.add(corpus);
  return registry;
}

struct loader_fixture {
  agent_registry agents = fake_agents();
  tool_registry tools = fake_tools();
  scratch_dir dir;

  loader_fixture() { fs::create_directories(dir.path() / "corpus"); }

  load_result load(const std::string& text) const {
    return scenario_loader{agents, tools}.load_text(text, "test.json",
                                                    dir.path().string());
  }
};

// The smallest useful scenario; the malformed cases below each change one
// thing in it, so their line:col refer to this layout.
inline const std::string mini = R"({
  "name": "mini",
  "inputs": {"question": {"description": "What to ask."}},
  "tools": {"corpus": {"type": "corpus", "path": "corpus"}},
  "agents": {
    "search": {"type": "search", "params": {"tool": "corpus"}},
    "summarize": {"type": "summarize", "prompt": "Q: {{question}} S: {{source_text}}"}
  },
  "flow": [
    {"id": "search", "agent": "search", "with": {"query": "{{inputs.question}}"}},
    {"id": "summarize", "agent": "summarize", "for_each": "search.sources",
     "with": {"question": "{{inputs.question}}", "source": "{{item}}"}}
  ]
})";

/// `text` with its only occurrence of `from` replaced by `to`.
inline std::string change(const std::string& from, const std::string& to,
                          std::string text = mini) {
  auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  REQUIRE(text.find(from, pos + 1) == std::string::npos);
  return text.replace(pos, from.size(), to);
}

inline void log_errors(const load_result& result) {
  for (const auto& e : result.errors)
    UNSCOPED_INFO(e.to_string());
}

/// Checks that `result` failed with exactly one error, as described.
inline void only_error(const load_result& result, int line, int column,
                       const std::string& message, const std::string& hint = {}) {
  log_errors(result);
  REQUIRE_FALSE(result.spec);
  REQUIRE(result.errors.size() == 1);
  const auto& e = result.errors.front();
  CHECK(e.file == "test.json");
  CHECK(e.line == line);
  CHECK(e.column == column);
  CHECK_THAT(e.message, Catch::Contains(message));
  CHECK_THAT(e.hint, Catch::Contains(hint));
}

} // namespace troupe::test

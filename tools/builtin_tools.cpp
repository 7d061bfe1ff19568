#include "tools/builtin_tools.hpp"

#include "runtime/errors.hpp"
#include "runtime/scenario/content_hash.hpp"
#include "tools/corpus_searcher.hpp"
#include "tools/corpus_tool.hpp"
#include "tools/files_tool.hpp"

#include <algorithm>
#include <caf/actor_pool.hpp>
#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <cstdlib>
#include <spdlog/spdlog.h>
#include <thread>
#include <vector>

namespace troupe {

namespace {

std::string param(const tool_spec& spec, const char* key) {
  auto i = spec.params.find(key);
  return i != spec.params.end() && i->value().is_string()
             ? std::string{i->value().as_string().c_str()}
             : std::string{};
}

/// One warning per file, quoted as JSON so that a line end or control
/// character in a name cannot break the log line.
void warn_skipped(const std::string& tool_id, const std::string& dir,
                  const std::vector<corpus_scan::skipped_file>& skipped) {
  for (const auto& s : skipped)
    spdlog::warn("corpus '{}' skips {} in {}: it {}", tool_id,
                 boost::json::serialize(boost::json::string{s.path}), dir, s.reason);
}

/// An opened, refreshed index and its searcher; shared by the runs of a
/// process that use the same index, or owned by one run's tool.
struct shared_corpus {
  tool_actor searcher;
  std::shared_ptr<const index_stats> refreshed;
  void stop() { caf::anon_send_exit(searcher, caf::exit_reason::user_shutdown); }
};

/// A round-robin pool of one searcher per core, each with its own
/// connection to the refreshed index: SQLite answers readers in parallel,
/// and one searcher would take every run's searches one at a time.
caf::expected<tool_actor> spawn_searchers(caf::actor_system& sys, corpus_index refreshed,
                                          const std::string& dir, const std::string& db) {
  std::vector<caf::actor> searchers;
  searchers.push_back(caf::actor_cast<caf::actor>(
      sys.spawn<caf::detached>(corpus_searcher, std::move(refreshed))));
  for (auto i = 1u; i < std::max(1u, std::thread::hardware_concurrency()); ++i) {
    auto index = corpus_index::open(dir, db);
    if (!index) {
      for (auto& s : searchers)
        caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
      return index.error();
    }
    searchers.push_back(caf::actor_cast<caf::actor>(
        sys.spawn<caf::detached>(corpus_searcher, std::move(*index))));
  }
  auto next = searchers.begin();
  auto pool = caf::actor_pool::make(
      sys.dummy_execution_unit(), searchers.size(), [&] { return *next++; },
      caf::actor_pool::round_robin());
  return caf::actor_cast<tool_actor>(pool);
}

caf::expected<std::shared_ptr<shared_corpus>> open_corpus(caf::actor_system& sys,
                                                          const tool_spec& spec,
                                                          const std::string& dir,
                                                          const std::string& db) {
  auto index = corpus_index::open(dir, db);
  if (!index)
    return index.error();
  auto stats = index->refresh();
  if (!stats)
    return stats.error();
  spdlog::debug("corpus '{}': {} files, {} re-indexed, {} removed, {} skipped", spec.id,
                stats->files_seen, stats->files_indexed, stats->files_removed,
                stats->skipped.size());
  warn_skipped(spec.id, dir, stats->skipped);
  auto searcher = spawn_searchers(sys, std::move(*index), dir, db);
  if (!searcher)
    return searcher.error();
  return std::make_shared<shared_corpus>(shared_corpus{
      std::move(*searcher), std::make_shared<const index_stats>(std::move(*stats))});
}

caf::expected<tool_actor> start_corpus(caf::actor_system& sys, const tool_spec& spec,
                                       tool_env env) {
  auto dir = param(spec, "path");
  auto db = param(spec, "index");
  if (db.empty())
    db = default_index_path(dir);
  auto open = [&] { return open_corpus(sys, spec, dir, db); };
  auto shared = env.shared != nullptr;
  auto corpus =
      shared ? env.shared->find_or_make<shared_corpus>("corpus:" + db + "\n" + dir, open)
             : open();
  if (!corpus)
    return corpus.error();
  auto searcher = (*corpus)->searcher;
  auto refreshed = (*corpus)->refreshed;
  return sys.spawn(corpus_tool, std::move(searcher), std::move(refreshed), spec.id,
                   std::move(env), !shared);
}

caf::expected<tool_actor> start_files(caf::actor_system& sys, const tool_spec& spec,
                                      tool_env env) {
  auto reader = folder_reader::open(param(spec, "path"), env.capture_content);
  if (!reader)
    return reader.error();
  return sys.spawn<caf::detached>(files_tool, std::move(*reader), spec.id,
                                  std::move(env));
}

} // namespace

std::string default_index_path(const std::string& corpus_dir) {
  std::string base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    base = xdg;
  else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    base = std::string{home} + "/.cache";
  else
    base = ".troupe";
  return base + "/troupe/corpus-" + content_hash(corpus_dir) + ".sqlite";
}

void register_builtin_tools(tool_registry& registry) {
  tool_type corpus;
  corpus.name = "corpus";
  corpus.description = "full-text search (SQLite FTS5, bm25) over a folder of "
                       ".txt/.md/.html files";
  corpus.required_params = {"path"};
  corpus.optional_params = {"index"};
  corpus.path_params = {"path"};
  corpus.factory = start_corpus;
  registry.add(std::move(corpus));

  tool_type files;
  files.name = "files";
  files.description = "reads text, .json and .jsonl files of a folder by name";
  files.required_params = {"path"};
  files.path_params = {"path"};
  files.factory = start_files;
  registry.add(std::move(files));
}

} // namespace troupe

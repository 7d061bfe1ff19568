#include "tools/builtin_tools.hpp"

#include "runtime/errors.hpp"
#include "runtime/scenario/content_hash.hpp"
#include "tools/corpus_tool.hpp"
#include "tools/files_tool.hpp"

#include <caf/actor_system.hpp>
#include <cstdlib>
#include <spdlog/spdlog.h>

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

caf::expected<tool_actor> start_corpus(caf::actor_system& sys, const tool_spec& spec,
                                       tool_env env) {
  auto dir = param(spec, "path");
  auto db = param(spec, "index");
  auto index = corpus_index::open(dir, db.empty() ? default_index_path(dir) : db);
  if (!index)
    return index.error();
  auto stats = index->refresh();
  if (!stats)
    return stats.error();
  spdlog::debug("corpus '{}': {} files, {} re-indexed, {} removed, {} skipped", spec.id,
                stats->files_seen, stats->files_indexed, stats->files_removed,
                stats->skipped.size());
  warn_skipped(spec.id, dir, stats->skipped);
  return sys.spawn<caf::detached>(corpus_tool, std::move(*index), std::move(*stats),
                                  spec.id, std::move(env));
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

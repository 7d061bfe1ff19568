// Benchmark 6 of issue 7: the corpus tool's index and searches on real text.
//   bench --tool_call{query, max_results}--> corpus tool --> SQLite FTS5
// A corpus folder is made of this machine's own documentation (see
// machine_corpus), then indexed two ways, each repetition: through
// Troupe's corpus_index (open a new index, refresh: scan, read, check,
// parse, insert), and, as the baseline, by reading the same files and
// inserting them into a plain FTS5 table with the same columns and
// tokenizer (raw_fts_table). A refresh of the unchanged folder, which every
// run does when its corpus tool starts, is timed too. The same queries
// (words frequent in the corpus, drawn with a fixed seed) then go, one at a
// time, to the corpus tool actor as an agent sends them, to
// corpus_index::search directly, and as FTS5 MATCH expressions of the same
// words to the plain table; each side returns at most the same number of
// hits, which are counted so the sides are seen to find as much. Three more
// plain-table arms read each hit's snippet and text as the index does, in
// different ways, to show where the index's query spends its time.

#include "bench/support/load_driver.hpp"
#include "bench/support/machine_corpus.hpp"
#include "bench/support/null_trace.hpp"
#include "bench/support/process_cpu.hpp"
#include "bench/support/raw_fts_table.hpp"
#include "bench/support/run_benchmark.hpp"
#include "bench/support/temp_folder.hpp"
#include "runtime/errors.hpp"
#include "tools/builtin_tools.hpp"
#include "tools/corpus_index.hpp"

#include <algorithm>
#include <caf/scoped_actor.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace troupe;
using namespace troupe::bench;

namespace {

namespace fs = std::filesystem;

constexpr const char* about =
    "Corpus search: indexing the machine's own documentation through Troupe's corpus "
    "index vs plain SQLite FTS5 inserts of the same texts, and query latency through "
    "the corpus tool actor and corpus_index::search vs plain FTS5 MATCH queries.";
constexpr std::size_t max_files_full = 3000;
constexpr std::size_t max_file_bytes = 128 * 1024;
constexpr std::size_t queries_full = 200;
constexpr int max_results = 8; // the corpus tool's default
constexpr unsigned query_seed = 7;
// Query words come from these ranks of document frequency: frequent enough
// to find something, below the words nearly every file holds ("license").
constexpr std::size_t first_word_rank = 20;
constexpr std::size_t word_ranks = 500;

constexpr const char* raw_index = "raw FTS5 inserts (baseline)";
constexpr const char* troupe_index = "corpus_index open + refresh, new index";
constexpr const char* troupe_refresh = "corpus_index open + refresh, nothing changed";
constexpr const char* raw_match = "raw FTS5 MATCH, rowid and bm25 (baseline)";
constexpr const char* raw_match_text = "raw FTS5 MATCH, snippet and text too";
constexpr const char* raw_best_then_text = "raw FTS5, best rows first, then their text";
constexpr const char* raw_by_rank = "raw FTS5, ORDER BY rank, snippet and text";
constexpr const char* direct_search = "corpus_index::search, direct";
constexpr const char* tool_search = "corpus tool actor, tool_call from an actor";

std::string read_all(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  return std::string{std::istreambuf_iterator<char>{in}, {}};
}

/// Wall and CPU time of one indexing, in seconds.
struct indexing_time {
  double wall = 0;
  double cpu = 0;
};

/// Starts timing; `stop` answers the time since.
struct stopwatch {
  int64_t start_ns = now_ns();
  double start_cpu = process_cpu_seconds();

  indexing_time stop() const {
    return {static_cast<double>(now_ns() - start_ns) / 1e9,
            process_cpu_seconds() - start_cpu};
  }
};

void remove_database(const std::string& path) {
  for (const auto* suffix : {"", "-wal", "-shm"})
    fs::remove(path + suffix);
}

struct raw_indexing {
  std::unique_ptr<raw_fts_table> table;
  indexing_time time;
};

/// The baseline: read each file, insert it, all in one transaction.
raw_indexing index_raw(const std::string& db, const machine_corpus& corpus) {
  remove_database(db);
  raw_indexing out;
  stopwatch watch;
  out.table = std::make_unique<raw_fts_table>(db);
  out.table->begin();
  for (const auto& path : corpus.files)
    out.table->insert(fs::path{path}.stem().string(), read_all(path));
  out.table->commit();
  out.time = watch.stop();
  return out;
}

struct troupe_indexing {
  std::optional<corpus_index> index;
  index_stats stats;
  indexing_time time;
};

troupe_indexing index_troupe(const std::string& dir, const std::string& db) {
  troupe_indexing out;
  stopwatch watch;
  auto index = corpus_index::open(dir, db);
  if (!index)
    throw std::runtime_error(describe(index.error()));
  auto stats = index->refresh();
  if (!stats)
    throw std::runtime_error(describe(stats.error()));
  out.time = watch.stop();
  out.index.emplace(std::move(*index));
  out.stats = std::move(*stats);
  return out;
}

void record_indexing(bench_table& table, const char* arm, const indexing_time& time,
                     const indexing_time& raw, const machine_corpus& corpus) {
  table.add(arm, "s", time.wall);
  table.add(arm, "files/s", static_cast<double>(corpus.files.size()) / time.wall);
  table.add(arm, "MB/s", corpus.megabytes() / time.wall);
  table.add(arm, "time vs raw", time.wall / raw.wall);
  table.add(arm, "CPU s", time.cpu);
  table.add(arm, "CPU vs raw", time.cpu / raw.cpu);
}

/// One query: its words as an agent would send them, and the FTS5
/// expression of the same words (corpus_index quotes and ORs them alike).
struct query {
  std::string text;
  std::string match;
};

/// Lower-case ASCII words of 4 to 12 letters in `text`, each once.
std::set<std::string> words_of(const std::string& text) {
  std::set<std::string> out;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    auto c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (std::isalpha(c) != 0 && c < 0x80) {
      word += static_cast<char>(std::tolower(c));
      continue;
    }
    if (word.size() >= 4 && word.size() <= 12)
      out.insert(word);
    word.clear();
  }
  return out;
}

/// Words by how many files hold them, most first, from `first_word_rank` on.
std::vector<std::string> frequent_words(const machine_corpus& corpus) {
  std::map<std::string, int> files_holding;
  for (const auto& path : corpus.files)
    for (const auto& word : words_of(read_all(path)))
      ++files_holding[word];
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [word, n] : files_holding)
    ranked.emplace_back(-n, word);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (auto i = first_word_rank; i < ranked.size() && out.size() < word_ranks; ++i)
    out.push_back(ranked[i].second);
  return out;
}

/// `n` queries of one to three distinct frequent words, the same every run.
std::vector<query> make_queries(const std::vector<std::string>& words, std::size_t n) {
  std::mt19937 random{query_seed};
  std::uniform_int_distribution<std::size_t> length{1, 3};
  std::uniform_int_distribution<std::size_t> pick{0, words.size() - 1};
  std::vector<query> out;
  while (out.size() < n) {
    std::set<std::string> chosen;
    auto wanted = length(random);
    while (chosen.size() < std::min(wanted, words.size()))
      chosen.insert(words[pick(random)]);
    query q;
    for (const auto& word : chosen) {
      q.text += (q.text.empty() ? "" : " ") + word;
      q.match += (q.match.empty() ? "\"" : " OR \"") + word + "\"";
    }
    out.push_back(std::move(q));
  }
  return out;
}

/// One arm's pass over all the queries.
struct query_pass {
  load_sample sample;
  int64_t hits = 0;
  double cpu_us = 0; // CPU time of the process per query, all threads
};

/// Starts a pass; `finish` adds the CPU time per query spent since.
struct cpu_meter {
  double start = process_cpu_seconds();

  query_pass finish(load_sample sample, int64_t hits) const {
    auto per_query = 1e6 / static_cast<double>(std::max<std::size_t>(sample.calls, 1));
    return {std::move(sample), hits, (process_cpu_seconds() - start) * per_query};
  }
};

/// A way to search called on the benchmark's own thread; answers the hits.
using searcher = std::function<int(const query&)>;

/// `queries` sent one after the other to `search`.
query_pass timed_queries(const std::vector<query>& queries, const searcher& search) {
  cpu_meter cpu;
  load_sample sample;
  sample.calls = queries.size();
  int64_t hits = 0;
  auto start = now_ns();
  for (const auto& q : queries) {
    auto sent = now_ns();
    hits += search(q);
    sample.latencies_ns.push_back(now_ns() - sent);
  }
  sample.wall = std::chrono::nanoseconds{now_ns() - start};
  return cpu.finish(std::move(sample), hits);
}

std::vector<tool_call> tool_calls(const std::vector<query>& queries) {
  std::vector<tool_call> out;
  for (const auto& q : queries)
    out.push_back({"bench", "search", "run/search#1/t0",
                   boost::json::object{{"query", q.text}, {"max_results", max_results}}});
  return out;
}

/// The corpus tool as a run starts it, on the index already built, with
/// its trace going to /dev/null with content, as by default.
tool_actor start_tool(caf::actor_system& sys, const std::string& dir,
                      const std::string& db, const trace_sink_actor& trace) {
  tool_registry tools;
  register_builtin_tools(tools);
  tool_spec spec{"corpus", "corpus", {{"path", dir}, {"index", db}}};
  auto tool = tools.find("corpus")->factory(sys, spec, tool_env{trace, true, nullptr});
  if (!tool)
    throw std::runtime_error("the corpus tool cannot start: " + describe(tool.error()));
  return *tool;
}

/// Hits the tool answers over all `queries`, asked one at a time.
int64_t tool_hits(caf::actor_system& sys, const tool_actor& tool,
                  const std::vector<query>& queries) {
  caf::scoped_actor self{sys};
  int64_t hits = 0;
  for (auto& call : tool_calls(queries))
    self->request(tool, wait_timeout, std::move(call))
        .receive(
            [&](tool_result& r) {
              hits += r.output.as_object().at("hits").as_array().size();
            },
            [&](caf::error& err) { throw std::runtime_error(describe(err)); });
  return hits;
}

void record_queries(bench_table& table, const char* arm, const query_pass& pass,
                    const query_pass& base) {
  const auto& sample = pass.sample;
  table.add(arm, "p50 us", sample.percentile_us(50));
  table.add(arm, "p99 us", sample.percentile_us(99));
  table.add(arm, "p50 vs raw", sample.percentile_us(50) / base.sample.percentile_us(50));
  table.add(arm, "p99 vs raw", sample.percentile_us(99) / base.sample.percentile_us(99));
  table.add(arm, "CPU us/query", pass.cpu_us);
  table.add(arm, "CPU vs raw", pass.cpu_us / base.cpu_us);
  table.add(arm, "hits/query",
            static_cast<double>(pass.hits) / static_cast<double>(sample.calls));
}

std::string corpus_note(const machine_corpus& corpus, const index_stats& stats) {
  char text[320];
  std::snprintf(text, sizeof(text),
                "Corpus: %zu files, %.1f MB (%zu decompressed from .gz), text files of "
                "/usr/share/doc and /usr/share/common-licenses of at most %zu KiB; "
                "corpus_index indexed %d of them, skipped %zu.",
                corpus.files.size(), corpus.megabytes(), corpus.from_gzip,
                max_file_bytes / 1024, stats.files_indexed, stats.skipped.size());
  return text;
}

std::string query_note(std::size_t n, raw_fts_table& raw,
                       const std::vector<query>& queries) {
  std::vector<double> matching;
  for (const auto& q : queries)
    matching.push_back(raw.count(q.match));
  auto s = spread_of(matching);
  char text[320];
  std::snprintf(text, sizeof(text),
                "Queries: %zu of 1 to 3 words (OR-ed) drawn with seed %u from the %zu "
                "words held by most files, from rank %zu on; each matches %.0f files "
                "(median, %.0f-%.0f), of which the best %d are returned.",
                n, query_seed, word_ranks, first_word_rank, s.median, s.min, s.max,
                max_results);
  return text;
}

/// The last repetition's indexes, which the queries then search.
struct built_indexes {
  raw_indexing raw;
  troupe_indexing troupe;
};

built_indexes measure_indexing(bench_table& table, int reps, const std::string& dir,
                               const temp_folder& tmp, const machine_corpus& corpus) {
  built_indexes out;
  for (int rep = 0; rep < reps; ++rep) {
    // Close the last repetition's databases before their files go: a
    // connection closing later would delete the new database's WAL file.
    out = {};
    out.raw = index_raw(tmp / "raw.sqlite", corpus);
    remove_database(tmp / "troupe.sqlite");
    out.troupe = index_troupe(dir, tmp / "troupe.sqlite");
    auto again = index_troupe(dir, tmp / "troupe.sqlite").time;
    record_indexing(table, raw_index, out.raw.time, out.raw.time, corpus);
    record_indexing(table, troupe_index, out.troupe.time, out.raw.time, corpus);
    record_indexing(table, troupe_refresh, again, out.raw.time, corpus);
  }
  return out;
}

struct search_arm {
  const char* name;
  searcher search;
};

/// The baseline first: the others are compared with it.
std::vector<search_arm> in_process_arms(raw_fts_table& raw, const corpus_index& index) {
  return {
      {raw_match, [&raw](const query& q) { return raw.match(q.match, max_results); }},
      {raw_match_text,
       [&raw](const query& q) { return raw.match_with_text(q.match, max_results); }},
      {raw_best_then_text,
       [&raw](const query& q) { return raw.best_then_text(q.match, max_results); }},
      {raw_by_rank, [&raw](const query& q) { return raw.by_rank(q.match, max_results); }},
      {direct_search,
       [&index](const query& q) {
         auto hits = index.search(q.text, max_results);
         if (!hits)
           throw std::runtime_error(describe(hits.error()));
         return static_cast<int>(hits->size());
       }},
  };
}

/// The tool's pass: calls from an event-based actor, one at a time.
query_pass tool_pass(caf::actor_system& sys, const tool_actor& tool,
                     const std::vector<query>& queries, int64_t hits) {
  cpu_meter cpu;
  auto sample = run_load<tool_result>(sys, tool, tool_calls(queries), 1);
  if (sample.failures > 0)
    throw std::runtime_error("a corpus tool call failed");
  return cpu.finish(std::move(sample), hits);
}

void measure_queries(caf::actor_system& sys, bench_table& table, int reps,
                     const std::vector<query>& queries,
                     const std::vector<search_arm>& arms, const tool_actor& tool) {
  // The hits are counted once, outside the timed passes, which let the
  // tool's answers go unread.
  auto tool_hit_count = tool_hits(sys, tool, queries); // also the tool's warm-up
  for (const auto& arm : arms)
    timed_queries(queries, arm.search); // warm-up
  for (int rep = 0; rep < reps; ++rep) {
    query_pass base;
    for (std::size_t i = 0; i < arms.size(); ++i) {
      auto pass = timed_queries(queries, arms[i].search);
      if (i == 0)
        base = pass;
      record_queries(table, arms[i].name, pass, base);
    }
    record_queries(table, tool_search, tool_pass(sys, tool, queries, tool_hit_count),
                   base);
  }
}

bool run(caf::actor_system& sys, bench_report& report, const bench_options& options) {
  temp_folder tmp{"troupe-corpus-search"};
  auto dir = tmp / "corpus";
  fs::create_directory(dir);
  auto corpus = machine_corpus::build(dir, options.calls(max_files_full), max_file_bytes);
  auto& indexing =
      report.add_table("Indexing " + std::to_string(corpus.files.size()) + " files, " +
                           std::to_string(static_cast<int>(corpus.megabytes())) + " MB",
                       {"s", "files/s", "MB/s", "time vs raw", "CPU s", "CPU vs raw"});
  auto built = measure_indexing(indexing, options.reps, dir, tmp, corpus);
  report.add_note(corpus_note(corpus, built.troupe.stats));
  auto queries = make_queries(frequent_words(corpus), options.calls(queries_full));
  report.add_note(query_note(queries.size(), *built.raw.table, queries));
  auto& searching =
      report.add_table(std::to_string(queries.size()) + " queries, one at a time, best " +
                           std::to_string(max_results) + " hits each",
                       {"p50 us", "p99 us", "p50 vs raw", "p99 vs raw", "CPU us/query",
                        "CPU vs raw", "hits/query"});
  auto trace = spawn_null_trace(sys);
  auto tool = start_tool(sys, dir, tmp / "troupe.sqlite", trace);
  measure_queries(sys, searching, options.reps, queries,
                  in_process_arms(*built.raw.table, *built.troupe.index), tool);
  caf::anon_send_exit(tool, caf::exit_reason::user_shutdown);
  drain_trace(sys, trace);
  caf::anon_send_exit(trace, caf::exit_reason::user_shutdown);
  return true; // a failure throws
}

} // namespace

int main(int argc, char** argv) {
  return run_benchmark(argc, argv, "corpus_search", about, run);
}

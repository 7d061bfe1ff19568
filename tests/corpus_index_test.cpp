#include "runtime/errors.hpp"
#include "runtime/text/utf8.hpp"
#include "support/test_system.hpp"
#include "tools/corpus_index.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream{path, std::ios::binary} << text;
}

/// A corpus folder and an index path, both inside one temporary folder.
struct corpus_fixture {
  test::temp_dir tmp;
  fs::path corpus = tmp.file("corpus");
  std::string db = tmp.file("cache/nested/index.sqlite");

  corpus_fixture() { fs::create_directories(corpus); }

  void add(const std::string& rel, const std::string& text) const {
    write(corpus / rel, text);
  }

  /// Documents without the ranked words, so those words are rare enough
  /// for bm25 to weigh them as it would in a real corpus.
  void add_unrelated() const {
    add("solar.md", "# Solar\n\nPanels convert light.");
    add("wind.md", "# Wind\n\nTurbines convert moving air.");
    add("tides.md", "# Tides\n\nBarrages use the rise and fall of the sea.");
  }

  corpus_index open() const {
    auto index = corpus_index::open(corpus.string(), db);
    REQUIRE(index);
    return std::move(*index);
  }

  static index_stats refresh(corpus_index& index) {
    auto stats = index.refresh();
    REQUIRE(stats);
    return *stats;
  }

  static std::vector<search_hit> search(const corpus_index& index, const std::string& q,
                                        int max_results = 10) {
    auto hits = index.search(q, max_results);
    INFO("query: " << q);
    REQUIRE(hits);
    return *hits;
  }
};

std::vector<std::string> ids(const std::vector<search_hit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits)
    out.push_back(h.id);
  return out;
}

std::string query_text(const std::string& db_path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

/// Moves the file's mtime without changing its contents.
void touch(const fs::path& path) {
  fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(10));
}

} // namespace

TEST_CASE_METHOD(corpus_fixture, "corpus_index indexes markdown, text and html",
                 "[corpus]") {
  add("batteries.md", "# Battery Storage Costs\n\nLithium-ion pack prices fell.\n\n"
                      "## Outlook\n\nMore declines are expected.\n");
  add("notes/grid_notes.txt", "Grid operators schedule reserves.\n");
  add("hydro.html", "<html><head><title>Pumped Hydro</title>"
                    "<script>var invisiblescript = 1;</script></head>"
                    "<body><p>Reservoirs &amp; turbines store energy.</p></body></html>");
  auto index = open();
  auto stats = refresh(index);
  CHECK(stats.files_seen == 3);
  CHECK(stats.files_indexed == 3);
  CHECK(stats.skipped.empty());

  auto md = search(index, "lithium");
  REQUIRE(md.size() == 1);
  CHECK(md[0].id == "batteries");
  CHECK(md[0].title == "Battery Storage Costs");
  CHECK(md[0].path == (corpus / "batteries.md").string());
  CHECK(md[0].text == "Battery Storage Costs\n\nLithium-ion pack prices fell.\n\n"
                      "Outlook\n\nMore declines are expected.");

  auto txt = search(index, "reserves");
  REQUIRE(txt.size() == 1);
  CHECK(txt[0].id == "notes/grid_notes");
  CHECK(txt[0].title == "grid notes");
  CHECK(txt[0].text == "Grid operators schedule reserves.");

  auto html = search(index, "turbines");
  REQUIRE(html.size() == 1);
  CHECK(html[0].id == "hydro");
  CHECK(html[0].title == "Pumped Hydro");
  CHECK(html[0].text == "Reservoirs & turbines store energy.");
  CHECK(search(index, "invisiblescript").empty());
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index keeps its tables in a WAL database",
                 "[corpus]") {
  add("a.md", "# A\n\nalpha");
  auto index = open();
  refresh(index);
  CHECK(query_text(db, "PRAGMA journal_mode") == "wal");
  CHECK(query_text(db, "SELECT path || ' ' || title FROM files") == "a.md A");
  CHECK(query_text(db, "SELECT sql FROM sqlite_master WHERE name = 'fts'")
            .find("porter unicode61") != std::string::npos);
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index ranks the most relevant document first",
                 "[corpus]") {
  add("flywheels.md", "# Flywheel Storage\n\nA flywheel stores energy as rotation. "
                      "Flywheel systems answer in milliseconds.");
  add("overview.md", "# Storage Overview\n\nBatteries, pumped hydro, compressed air and "
                     "a flywheel are all options for the grid operators.");
  add_unrelated();
  auto index = open();
  refresh(index);
  auto hits = search(index, "flywheel");
  REQUIRE(ids(hits) == std::vector<std::string>{"flywheels", "overview"});
  CHECK(hits[0].score > hits[1].score);
  CHECK(hits[1].score > 0.0);
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index weighs title matches above body matches",
                 "[corpus]") {
  add("in-body.txt", "Notes mention inverter sizing once among other words here.");
  add("inverter.txt", "Notes mention sizing once among other words here today.");
  add_unrelated();
  auto index = open();
  refresh(index);
  // "inverter.txt" has the word only in its title (from the file name).
  CHECK(ids(search(index, "inverter")) ==
        std::vector<std::string>{"inverter", "in-body"});
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index stems words and orders ties by path",
                 "[corpus]") {
  add("tie-b.txt", "Battery costs keep falling.");
  add("tie-a.txt", "Battery costs keep falling.");
  auto index = open();
  refresh(index);
  auto hits = search(index, "batteries cost");
  REQUIRE(ids(hits) == std::vector<std::string>{"tie-a", "tie-b"});
  CHECK(hits[0].score == hits[1].score);
  CHECK(ids(search(index, "batteries cost", 1)) == std::vector<std::string>{"tie-a"});
  CHECK(search(index, "batteries", 0).empty());
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index snippets show the matching passage",
                 "[corpus]") {
  std::string filler;
  for (int i = 0; i < 60; ++i)
    filler += "filler" + std::to_string(i) + " ";
  add("long.md", "# Long\n\n" + filler +
                     "\n\nThe electrolyte degrades at high "
                     "temperature.\n\n" +
                     filler);
  add("title-only.md", "# Electrolyte\n\nNothing else relevant here.");
  auto index = open();
  refresh(index);
  auto hits = search(index, "electrolyte");
  REQUIRE(hits.size() == 2);
  for (const auto& hit : hits) {
    CHECK(!hit.snippet.empty());
    CHECK(hit.snippet.find('\n') == std::string::npos);
    CHECK(hit.snippet.find('[') == std::string::npos);
  }
  auto long_hit = hits[0].id == "long" ? hits[0] : hits[1];
  CHECK(long_hit.snippet.find("electrolyte degrades") != std::string::npos);
  CHECK(long_hit.snippet.size() < long_hit.text.size());
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index caps hit text on a UTF-8 boundary",
                 "[corpus]") {
  std::string body = "needle ";
  while (body.size() < 30000)
    body += "\xE2\x82\xAC"; // a 3-byte euro sign, so 20000 falls inside one
  add("euros.txt", body);
  auto index = open();
  refresh(index);
  auto hits = search(index, "needle");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].text.size() <= 20000);
  CHECK(hits[0].text.size() > 19990);
  CHECK(utf8_sanitize(hits[0].text) == hits[0].text);
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index refreshes incrementally", "[corpus]") {
  add("a.md", "# A\n\nalpha words");
  add("b.md", "# B\n\nbeta words");
  add("c.md", "# C\n\ngamma words");
  auto index = open();
  CHECK(refresh(index).files_indexed == 3);

  auto again = refresh(index);
  CHECK(again.files_seen == 3);
  CHECK(again.files_indexed == 0);
  CHECK(again.files_removed == 0);

  touch(corpus / "a.md");
  CHECK(refresh(index).files_indexed == 1);

  add("b.md", "# B\n\nbeta words and epsilon");
  auto resized = refresh(index);
  CHECK(resized.files_indexed == 1);
  CHECK(ids(search(index, "epsilon")) == std::vector<std::string>{"b"});

  fs::remove(corpus / "c.md");
  auto removed = refresh(index);
  CHECK(removed.files_removed == 1);
  CHECK(removed.files_indexed == 0);
  CHECK(search(index, "gamma").empty());

  add("d.md", "# D\n\ndelta words");
  auto added = refresh(index);
  CHECK(added.files_indexed == 1);
  CHECK(added.files_removed == 0);
  CHECK(added.files_seen == 3);
  CHECK(search(index, "words").size() == 3);
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index keeps its contents across reopening",
                 "[corpus]") {
  add("kept.md", "# Kept\n\npersistent words");
  {
    auto index = open();
    CHECK(refresh(index).files_indexed == 1);
  }
  auto index = open();
  CHECK(ids(search(index, "persistent")) == std::vector<std::string>{"kept"});
  CHECK(refresh(index).files_indexed == 0);
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index treats FTS syntax in queries as words",
                 "[corpus]") {
  add("grid.md", "# Grid\n\nbatteries balance the grid");
  auto index = open();
  refresh(index);
  for (const char* query : {"a AND (b", "\"unbalanced", "grid*", "-grid", "title:grid",
                            "NEAR(grid batteries)", "grid OR", "^grid", "{grid}",
                            "'grid'", "grid + batteries", "NOT", "AND OR NOT"}) {
    auto hits = index.search(query, 5);
    INFO("query: " << query);
    REQUIRE(hits);
  }
  CHECK(ids(search(index, "batteries AND (grid")) == std::vector<std::string>{"grid"});
  CHECK(ids(search(index, "\"grid")) == std::vector<std::string>{"grid"});
  CHECK(ids(search(index, "title:grid*")) == std::vector<std::string>{"grid"});
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index returns no hits for an empty query",
                 "[corpus]") {
  add("grid.md", "# Grid\n\nthe grid");
  auto index = open();
  refresh(index);
  CHECK(search(index, "").empty());
  CHECK(search(index, "   ").empty());
  CHECK(search(index, "the of and").empty());
  CHECK(search(index, "*** --- ()").empty());
}

TEST_CASE("corpus_index open names a missing or non-folder corpus path", "[corpus]") {
  test::temp_dir tmp;
  auto missing = tmp.file("no-such-corpus");
  auto index = corpus_index::open(missing, tmp.file("index.sqlite"));
  REQUIRE(!index);
  CHECK(describe(index.error()).find(missing) != std::string::npos);

  auto file = tmp.file("plain.txt");
  write(file, "not a folder");
  auto not_dir = corpus_index::open(file, tmp.file("index.sqlite"));
  REQUIRE(!not_dir);
  CHECK(describe(not_dir.error()).find(file) != std::string::npos);
  CHECK(describe(not_dir.error()).find("not a folder") != std::string::npos);
}

TEST_CASE("corpus_index open fails clearly when the index cannot be created",
          "[corpus]") {
  test::temp_dir tmp;
  auto blocker = tmp.file("blocker");
  write(blocker, "a file where a folder should be");
  auto db = blocker + "/index.sqlite";
  auto index = corpus_index::open(tmp.str(), db);
  REQUIRE(!index);
  CHECK(describe(index.error()).find(db) != std::string::npos);

  auto is_folder = corpus_index::open(tmp.str(), tmp.str());
  REQUIRE(!is_folder);
  CHECK(describe(is_folder.error()).find(tmp.str()) != std::string::npos);
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index creates the folders of its database",
                 "[corpus]") {
  auto index = open();
  CHECK(fs::is_regular_file(db));
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index moves keep the connection", "[corpus]") {
  add("m.md", "# M\n\nmovable words");
  auto index = open();
  refresh(index);
  auto moved = std::move(index);
  CHECK(ids(search(moved, "movable")) == std::vector<std::string>{"m"});
  // A moved-from index answers with an error instead of touching a closed handle.
  CHECK(!index.search("movable", 5));
  auto other = open();
  other = std::move(moved);
  CHECK(ids(search(other, "movable")) == std::vector<std::string>{"m"});
}

TEST_CASE_METHOD(corpus_fixture, "corpus_index handles two thousand files", "[corpus]") {
  for (int i = 0; i < 2000; ++i) {
    auto n = std::to_string(i);
    add("part" + std::to_string(i % 20) + "/doc" + n + ".txt",
        "Shared storage vocabulary for document " + n + " with marker uniq" + n + ".");
  }
  auto index = open();
  auto stats = refresh(index);
  CHECK(stats.files_seen == 2000);
  CHECK(stats.files_indexed == 2000);
  CHECK(stats.skipped.empty());
  CHECK(ids(search(index, "uniq1234")) == std::vector<std::string>{"part14/doc1234"});
  CHECK(search(index, "vocabulary", 25).size() == 25);
  CHECK(refresh(index).files_indexed == 0);
}

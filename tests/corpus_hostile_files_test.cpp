// A corpus folder holding what no one meant to index: binary and huge files,
// unreadable ones, link loops, links out of the folder, deep trees and odd
// names. Each is skipped once with its reason, and the rest is searchable.

#include "runtime/text/utf8.hpp"
#include "support/test_system.hpp"
#include "tools/corpus_index.hpp"
#include "tools/document_file.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream{path, std::ios::binary} << bytes;
}

struct hostile_fixture {
  test::temp_dir tmp;
  fs::path corpus = tmp.file("corpus");
  std::string db = tmp.file("cache/index.sqlite");

  hostile_fixture() {
    fs::create_directories(corpus);
    write(corpus / "good.md", "# Good\n\nordinary searchable words");
  }

  void add(const std::string& rel, const std::string& bytes) const {
    write(corpus / rel, bytes);
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

  static std::vector<std::string> ids(const corpus_index& index, const std::string& q) {
    auto hits = index.search(q, 50);
    INFO("query: " << q);
    REQUIRE(hits);
    std::vector<std::string> out;
    for (const auto& h : *hits)
      out.push_back(h.id);
    return out;
  }
};

/// Reason by path; each path must be skipped only once.
std::map<std::string, std::string> reasons(const index_stats& stats) {
  std::map<std::string, std::string> out;
  for (const auto& s : stats.skipped) {
    INFO("skipped twice: " << s.path);
    CHECK(out.emplace(s.path, s.reason).second);
  }
  return out;
}

/// Makes `levels` nested folders named `name` under `root` and a file
/// "deep.md" in the last, by descriptors: the whole path may be longer than
/// the system lets a single path be.
void make_deep_tree(const fs::path& root, const std::string& name, int levels) {
  int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(dir >= 0);
  for (int i = 0; i < levels; ++i) {
    REQUIRE(::mkdirat(dir, name.c_str(), 0755) == 0);
    int next = ::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(dir);
    REQUIRE(next >= 0);
    dir = next;
  }
  int file = ::openat(dir, "deep.md", O_WRONLY | O_CREAT, 0644);
  ::close(dir);
  REQUIRE(file >= 0);
  std::string text = "# Deep\n\nbottomword";
  CHECK(::write(file, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(file);
}

} // namespace

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: binary files with text names",
                 "[corpus][hostile]") {
  add("nul.txt", std::string("looks like text\nthen\0binary", 27));
  add("latin1.txt", "plain words\ncaf\xE9 au lait");
  add("noise.md", "\x80\x81\xFE random bytes without a NUL");
  add("utf16.txt", std::string("\xFF\xFEh\0i\0", 6));
  add("bom.txt", "\xEF\xBB\xBF"
                 "a byte order mark is fine");
  auto index = open();
  auto stats = refresh(index);
  CHECK(stats.files_seen == 6);
  CHECK(stats.files_indexed == 2);
  auto why = reasons(stats);
  REQUIRE(why.size() == 4);
  CHECK(why["nul.txt"] ==
        "is a binary file (a NUL byte on line 2); only text files are indexed");
  CHECK(why["latin1.txt"] ==
        "is not UTF-8 text (an invalid byte on line 2); save it as UTF-8 to index it");
  CHECK(why["utf16.txt"] == "is UTF-16 text (it starts with a UTF-16 byte order mark); "
                            "save it as UTF-8 to index it");
  CHECK(why["noise.md"] ==
        "is not UTF-8 text (an invalid byte on line 1); save it as UTF-8 to index it");
  CHECK(ids(index, "ordinary") == std::vector<std::string>{"good"});
  CHECK(ids(index, "mark") == std::vector<std::string>{"bom"});
  CHECK(ids(index, "looks plain random").empty());

  // A file that turns binary loses its rows; once fixed it is back.
  add("good.md", std::string("ordinary\0", 9));
  CHECK(refresh(index).skipped.size() == 5);
  CHECK(ids(index, "ordinary").empty());
  add("latin1.txt", "plain words\ncaf\xC3\xA9 au lait");
  CHECK(ids(index, "plain").empty());
  refresh(index);
  CHECK(ids(index, "plain") == std::vector<std::string>{"latin1"});
}

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: files over the cap are skipped whole",
                 "[corpus][hostile]") {
  add("at-cap.txt", "capword " + std::string(max_document_bytes - 8, ' '));
  add("over-cap.txt", "overword " + std::string(max_document_bytes - 8, ' '));
  // Sparse: a gigabyte on paper, nothing on disk, and never read.
  write(corpus / "sparse.md", "");
  fs::resize_file(corpus / "sparse.md", 1024 * 1024 * 1024);
  auto index = open();
  auto stats = refresh(index);
  auto why = reasons(stats);
  REQUIRE(why.size() == 2);
  CHECK(why["over-cap.txt"] == "is 4.1 MiB; files over 4 MiB are not indexed");
  CHECK(why["sparse.md"] == "is 1024.0 MiB; files over 4 MiB are not indexed");
  CHECK(ids(index, "capword") == std::vector<std::string>{"at-cap"});
  CHECK(ids(index, "overword").empty());
  CHECK(ids(index, "ordinary") == std::vector<std::string>{"good"});
}

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: files that cannot be opened",
                 "[corpus][hostile]") {
  // A FIFO would block a reader until a writer comes: it must not be opened.
  REQUIRE(::mkfifo((corpus / "pipe.txt").c_str(), 0644) == 0);
  fs::create_symlink("gone.md", corpus / "dangling.md");
  add("locked.md", "# Locked\n\nsecret words");
  fs::permissions(corpus / "locked.md", fs::perms::none);
  auto index = open();
  auto stats = refresh(index);
  fs::permissions(corpus / "locked.md", fs::perms::owner_all);
  auto why = reasons(stats);
  CHECK(why["pipe.txt"] == "is a FIFO, not a regular file");
  CHECK(why["dangling.md"] == "is a symbolic link to gone.md, which does not exist");
  // root opens files whatever their mode says.
  if (::geteuid() != 0) {
    CHECK(why["locked.md"] == "cannot be opened: Permission denied");
    CHECK(ids(index, "secret").empty());
  } else {
    CHECK(why.count("locked.md") == 0);
  }
  CHECK(ids(index, "ordinary") == std::vector<std::string>{"good"});
}

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: link loops and links leading out",
                 "[corpus][hostile]") {
  add("real.md", "# Real\n\ninside words");
  write(tmp.file("outside/secret.md"), "# Secret\n\nsecret words");
  fs::create_symlink("b.md", corpus / "a.md");
  fs::create_symlink("a.md", corpus / "b.md");
  fs::create_symlink("self.txt", corpus / "self.txt");
  fs::create_directories(corpus / "sub");
  fs::create_directory_symlink("..", corpus / "sub/parent");
  fs::create_directory_symlink(".", corpus / "here");
  fs::create_symlink("real.md", corpus / "alias.md");
  fs::create_symlink("../corpus/real.md", corpus / "roundabout.md");
  fs::create_symlink(tmp.file("outside/secret.md"), corpus / "leak.md");
  fs::create_symlink("leak.md", corpus / "leak-via-link.md");
  fs::create_directory_symlink(tmp.file("outside"), corpus / "outside-folder");
  auto index = open();
  auto stats = refresh(index);
  auto why = reasons(stats);
  auto secret = fs::canonical(tmp.file("outside/secret.md")).string();
  auto linked_folder = "is a symbolic link to a folder; linked folders are not walked, "
                       "so that no file is indexed twice or from outside";
  CHECK(why == std::map<std::string, std::string>{
                   {"a.md", "is a symbolic link loop"},
                   {"b.md", "is a symbolic link loop"},
                   {"here", linked_folder},
                   {"leak-via-link.md",
                    "is a symbolic link to " + secret +
                        ", outside the corpus folder; only files inside it are indexed"},
                   {"leak.md",
                    "is a symbolic link to " + secret +
                        ", outside the corpus folder; only files inside it are indexed"},
                   {"outside-folder", linked_folder},
                   {"self.txt", "is a symbolic link loop"},
                   {"sub/parent", linked_folder}});
  CHECK(ids(index, "secret").empty());
  CHECK(ids(index, "inside") == std::vector<std::string>{"alias", "real", "roundabout"});
}

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: a corpus folder reached by a link",
                 "[corpus][hostile]") {
  add("real.md", "# Real\n\ninside words");
  fs::create_symlink("real.md", corpus / "alias.md");
  fs::create_directory_symlink(corpus, tmp.file("corpus-link"));
  auto index = corpus_index::open(tmp.file("corpus-link"), db);
  REQUIRE(index);
  auto stats = refresh(*index);
  CHECK(stats.skipped.empty());
  CHECK(ids(*index, "inside") == std::vector<std::string>{"alias", "real"});
}

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: a folder named like a file",
                 "[corpus][hostile]") {
  add("x.txt/inner.md", "# Inner\n\nnested words");
  fs::create_directories(corpus / "empty.md");
  auto index = open();
  auto stats = refresh(index);
  CHECK(stats.skipped.empty());
  CHECK(stats.files_seen == 2);
  CHECK(ids(index, "nested") == std::vector<std::string>{"x.txt/inner"});
}

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: deeply nested folders",
                 "[corpus][hostile]") {
  std::string rel;
  for (int i = 0; i < 300; ++i)
    rel += "d/";
  add(rel + "bottom.md", "# Bottom\n\nbasement words");
  // 25 levels of 200-byte names: a path over PATH_MAX (4096 bytes), which
  // no single call can open; that folder is skipped, not the walk.
  std::string long_name(200, 'n');
  make_deep_tree(corpus, long_name, 25);
  auto index = open();
  auto stats = refresh(index);
  CHECK(ids(index, "basement") == std::vector<std::string>{rel + "bottom"});
  REQUIRE(stats.skipped.size() == 1);
  CHECK(stats.skipped[0].reason.find("File name too long") != std::string::npos);
  CHECK(stats.skipped[0].path.rfind(long_name + "/" + long_name + "/", 0) == 0);
  CHECK(ids(index, "bottomword").empty());
  // remove_all cannot reach that deep either; rm walks by descriptors.
  CHECK(std::system(("rm -rf '" + (corpus / long_name).string() + "'").c_str()) == 0);
}

TEST_CASE_METHOD(hostile_fixture, "hostile corpus: odd bytes in file names",
                 "[corpus][hostile]") {
  add("caf\xE9.txt", "latin one name");
  add("bad\xFF/inner.md", "inside a folder with a bad name");
  add("line\nbreak.md", "oddname newline");
  add("tab\tand space.txt", "oddname tab");
  add("quote\"'\\back.md", "oddname quotes");
  add("\xC3\xBCnic\xC3\xB6"
      "de \xF0\x9F\x94\x8B.txt",
      "oddname unicode");
  add("-dash [brackets] (parens).html", "<p>oddname brackets</p>");
  auto index = open();
  auto stats = refresh(index);
  auto why = reasons(stats);
  CHECK(why ==
        std::map<std::string, std::string>{
            {"bad\xEF\xBF\xBD",
             "is a folder whose name is not UTF-8; rename it to index the files in it"},
            {"caf\xEF\xBF\xBD.txt",
             "has a name that is not UTF-8; rename it to index it"}});
  auto odd = ids(index, "oddname");
  std::sort(odd.begin(), odd.end());
  CHECK(odd == std::vector<std::string>{"-dash [brackets] (parens)", "line\nbreak",
                                        "quote\"'\\back", "tab\tand space",
                                        "\xC3\xBCnic\xC3\xB6"
                                        "de \xF0\x9F\x94\x8B"});
  CHECK(ids(index, "latin").empty());
  CHECK(ids(index, "inside").empty());
}

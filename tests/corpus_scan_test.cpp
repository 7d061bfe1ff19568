#include "support/test_system.hpp"
#include "tools/corpus_scan.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream{path, std::ios::binary} << text;
}

std::vector<std::string> paths(const corpus_scan& scan) {
  std::vector<std::string> out;
  for (const auto& f : scan.files)
    out.push_back(f.path);
  return out;
}

/// "PATH: REASON" for each skipped entry.
std::vector<std::string> skipped(const corpus_scan& scan) {
  std::vector<std::string> out;
  for (const auto& s : scan.skipped)
    out.push_back(s.path + ": " + s.reason);
  return out;
}

} // namespace

TEST_CASE("corpus_scan finds indexable files in subfolders, sorted by path", "[corpus]") {
  test::temp_dir tmp;
  fs::path root = tmp.str();
  write(root / "b.md", "12345");
  write(root / "a.TXT", "x");
  write(root / "sub/deeper/c.html", "<p>c</p>");
  write(root / "sub/d.htm", "d");
  write(root / "e.markdown", "e");
  write(root / "image.png", "not text");
  write(root / ".hidden.md", "hidden");
  write(root / ".git/config.md", "hidden folder");
  auto scan = corpus_scan::run(tmp.str());
  CHECK(paths(scan) == std::vector<std::string>{"a.TXT", "b.md", "e.markdown",
                                                "sub/d.htm", "sub/deeper/c.html"});
  CHECK(scan.skipped.empty());
  auto b = std::find_if(scan.files.begin(), scan.files.end(),
                        [](const auto& f) { return f.path == "b.md"; });
  REQUIRE(b != scan.files.end());
  CHECK(b->size == 5);
  CHECK(b->mtime_ns > int64_t{1'600'000'000} * 1'000'000'000); // after 2020, in Unix ns
  CHECK(b->abs_path == (root / "b.md").string());
}

TEST_CASE("corpus_scan follows links to files inside only and says why it skips",
          "[corpus]") {
  test::temp_dir tmp;
  fs::path root = tmp.str();
  write(root / "real/doc.md", "doc");
  write(root / "target.txt", "target");
  fs::create_directory_symlink(root, root / "real/loop");
  fs::create_directory_symlink(root / "real", root / "alias");
  fs::create_symlink(root / "ping.md", root / "pong.md");
  fs::create_symlink(root / "pong.md", root / "ping.md");
  fs::create_symlink("missing.txt", root / "dangling.txt");
  fs::create_symlink(root / "target.txt", root / "link.txt");
  fs::create_symlink("../target.txt", root / "real/up.txt");
  fs::create_symlink("nowhere", root / "dangling-no-extension");
  auto scan = corpus_scan::run(tmp.str());
  CHECK(paths(scan) ==
        std::vector<std::string>{"link.txt", "real/doc.md", "real/up.txt", "target.txt"});
  // A link is opened at its target, which the next refresh checks again.
  CHECK(scan.files[0].abs_path == fs::canonical(root / "target.txt").string());
  CHECK(skipped(scan) ==
        std::vector<std::string>{
            "alias: is a symbolic link to a folder; linked folders are not walked, so "
            "that no file is indexed twice or from outside",
            "dangling.txt: is a symbolic link to missing.txt, which does not exist",
            "ping.md: is a symbolic link loop", "pong.md: is a symbolic link loop",
            "real/loop: is a symbolic link to a folder; linked folders are not walked, "
            "so that no file is indexed twice or from outside"});
}

TEST_CASE("corpus_scan of a missing folder finds nothing", "[corpus]") {
  test::temp_dir tmp;
  auto scan = corpus_scan::run(tmp.file("missing"));
  CHECK(scan.files.empty());
  CHECK(scan.skipped.empty());
}

TEST_CASE("corpus_scan recognises the indexed extensions", "[corpus]") {
  CHECK(corpus_scan::is_indexed_name("a.md"));
  CHECK(corpus_scan::is_indexed_name("a.Markdown"));
  CHECK(corpus_scan::is_indexed_name("a.b.htm"));
  CHECK(!corpus_scan::is_indexed_name("a.pdf"));
  CHECK(!corpus_scan::is_indexed_name("md"));
  CHECK(!corpus_scan::is_indexed_name("a.md.bak"));
}

// The files tool's reader: text, JSON and JSON Lines come back; names that
// leave the folder, and files that are not readable text, are errors that
// name the file and the folder.

#include "runtime/errors.hpp"
#include "support/test_system.hpp"
#include "tools/folder_reader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream{path, std::ios::binary} << bytes;
}

/// A folder "docs" with files of every kind, and a secret file beside it.
struct folder_fixture {
  test::temp_dir tmp;
  fs::path docs = fs::path{tmp.str()} / "docs";
  std::string root = fs::canonical(tmp.str()).string() + "/docs";

  folder_fixture() {
    write(docs / "contracts/saas.txt", "SaaS Agreement\n1. Term\n");
    write(docs / "data/config.json", "{\"limits\": [1, 2], \"name\": \"x\"}\n");
    write(docs / "data/tickets.jsonl", "{\"id\": 1}\n\n{\"id\": 2, \"tags\": [\"a\"]}\n");
    write(fs::path{tmp.str()} / "secret.txt", "outside\n");
  }

  folder_reader reader(bool quote_names = true) const {
    auto r = folder_reader::open(docs, quote_names);
    REQUIRE(r);
    return std::move(*r);
  }

  /// The message of the error reading `name` gives; fails if it succeeds.
  std::string error_of(const std::string& name, errc code) const {
    auto file = reader().read(name);
    REQUIRE_FALSE(file);
    CHECK(has_code(file.error(), code));
    return describe(file.error());
  }
};

} // namespace

TEST_CASE_METHOD(folder_fixture, "files: a text file comes back as text without json",
                 "[files]") {
  auto file = reader().read("contracts/saas.txt");
  REQUIRE(file);
  CHECK(file->name == "contracts/saas.txt");
  CHECK(file->text == "SaaS Agreement\n1. Term\n");
  CHECK_FALSE(file->json.has_value());
  // A path that wanders but stays inside is the same file.
  auto again = reader().read("data/../contracts/./saas.txt");
  REQUIRE(again);
  CHECK(again->text == file->text);
}

TEST_CASE_METHOD(folder_fixture, "files: .json is parsed, .jsonl line by line",
                 "[files]") {
  auto config = reader().read("data/config.json");
  REQUIRE(config);
  REQUIRE(config->json.has_value());
  CHECK(*config->json == boost::json::parse(R"({"limits": [1, 2], "name": "x"})"));
  CHECK(config->text == "{\"limits\": [1, 2], \"name\": \"x\"}\n");

  auto tickets = reader().read("data/tickets.jsonl");
  REQUIRE(tickets);
  REQUIRE(tickets->json.has_value());
  CHECK(*tickets->json == boost::json::parse(R"([{"id": 1}, {"id": 2, "tags": ["a"]}])"));
}

TEST_CASE_METHOD(folder_fixture, "files: JSON syntax errors name the file and the line",
                 "[files]") {
  write(docs / "bad.json", "{\n  \"a\": 1,,\n}\n");
  CHECK(error_of("bad.json", errc::tool_failed) ==
        "'bad.json' in folder " + root +
            " is not valid JSON: syntax error at line 2, column 10");
  write(docs / "bad.jsonl", "{\"id\": 1}\n{\"id\": 2\n");
  CHECK(error_of("bad.jsonl", errc::tool_failed) ==
        "'bad.jsonl' in folder " + root +
            " is not valid JSON Lines: the JSON ends too early at line 2, column 9");
  write(docs / "empty.json", "\n");
  CHECK(error_of("empty.json", errc::tool_failed) ==
        "'empty.json' in folder " + root +
            " is not valid JSON: no JSON value at line 1, column 1");
}

TEST_CASE_METHOD(folder_fixture, "files: names that leave the folder are refused",
                 "[files]") {
  CHECK(error_of("../secret.txt", errc::invalid_input) ==
        "'../secret.txt' leads outside folder " + root +
            "; name a file by its path inside it");
  CHECK(error_of("contracts/../../secret.txt", errc::invalid_input) ==
        "'contracts/../../secret.txt' leads outside folder " + root +
            "; name a file by its path inside it");
  CHECK(error_of("/etc/passwd", errc::invalid_input) ==
        "'/etc/passwd' is an absolute path; name the file by its path inside folder " +
            root);
  CHECK(error_of("", errc::invalid_input) ==
        "no file name given; name a file in folder " + root);
}

TEST_CASE_METHOD(folder_fixture, "files: symbolic links may not lead outside the folder",
                 "[files]") {
  fs::create_symlink("../secret.txt", docs / "link.txt");
  fs::create_directory_symlink(tmp.str(), docs / "up");
  fs::create_symlink("contracts/saas.txt", docs / "alias.txt");
  auto outside = [&](const std::string& name) {
    return "'" + name + "' leads through a symbolic link to a place outside folder " +
           root + "; only files inside the folder can be read";
  };
  CHECK(error_of("link.txt", errc::invalid_input) == outside("link.txt"));
  CHECK(error_of("up/secret.txt", errc::invalid_input) == outside("up/secret.txt"));
  auto alias = reader().read("alias.txt");
  REQUIRE(alias);
  CHECK(alias->text == "SaaS Agreement\n1. Term\n");
}

TEST_CASE_METHOD(folder_fixture, "files: binary and non-UTF-8 files are refused",
                 "[files]") {
  write(docs / "image.png", std::string{"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16});
  CHECK(error_of("image.png", errc::tool_failed) ==
        "'image.png' in folder " + root +
            " is a binary file (a NUL byte on line 3); the files tool reads UTF-8 "
            "text only");
  write(docs / "latin1.txt", "ok\ncaf\xE9\n");
  CHECK(error_of("latin1.txt", errc::tool_failed) ==
        "'latin1.txt' in folder " + root +
            " is not UTF-8 text (an invalid byte on line 2); the files tool reads UTF-8 "
            "text only: convert the file");
}

TEST_CASE_METHOD(folder_fixture, "files: files over 4 MiB are refused", "[files]") {
  write(docs / "limit.txt", std::string(folder_reader::max_file_bytes, 'a'));
  auto at_limit = reader().read("limit.txt");
  REQUIRE(at_limit);
  CHECK(at_limit->text.size() == 4 * 1024 * 1024);
  write(docs / "big.txt", std::string(5 * 1024 * 1024 + 1, 'a'));
  CHECK(error_of("big.txt", errc::tool_failed) ==
        "'big.txt' in folder " + root +
            " is 5.0 MiB; the files tool reads files of at most 4 MiB");
}

TEST_CASE_METHOD(folder_fixture, "files: missing files and folders are errors",
                 "[files]") {
  CHECK(error_of("contracts/nda.txt", errc::tool_failed) ==
        "'contracts/nda.txt' does not exist in folder " + root);
  CHECK(error_of("contracts", errc::tool_failed) ==
        "'contracts' in folder " + root + " is a folder, not a file");
  auto not_a_folder = folder_reader::open(docs / "contracts/saas.txt");
  REQUIRE_FALSE(not_a_folder);
  CHECK(describe(not_a_folder.error()) ==
        "'" + (docs / "contracts/saas.txt").string() +
            "' is not a folder; the files tool reads the files of one folder");
}

TEST_CASE_METHOD(folder_fixture, "files: without content capture errors leave out names",
                 "[files]") {
  auto file = reader(false).read("contracts/nda.txt");
  REQUIRE_FALSE(file);
  CHECK(describe(file.error()) == "the file asked for does not exist in folder " + root +
                                      " (its name is left out: the run records no "
                                      "content)");
}

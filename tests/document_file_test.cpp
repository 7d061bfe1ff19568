// Reading one corpus file: text comes back, anything else is an error that
// says why, and nothing blocks or reads past the size cap.

#include "runtime/errors.hpp"
#include "support/test_system.hpp"
#include "tools/document_file.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

/// The reason reading `path` fails; fails the test if it succeeds.
std::string fault_of(const std::string& path) {
  auto text = read_document_file(path);
  REQUIRE_FALSE(text);
  CHECK(has_code(text.error(), errc::io_failed));
  return describe(text.error());
}

} // namespace

TEST_CASE("document_file reads UTF-8 text", "[corpus]") {
  test::temp_dir tmp;
  std::ofstream{tmp.file("a.md"), std::ios::binary} << "# A\n\nna\xC3\xAFve\n";
  auto text = read_document_file(tmp.file("a.md"));
  REQUIRE(text);
  CHECK(*text == "# A\n\nna\xC3\xAFve\n");
  std::ofstream{tmp.file("empty.txt")};
  CHECK(read_document_file(tmp.file("empty.txt")) == std::string{});
}

TEST_CASE("document_file says why a file cannot be read", "[corpus]") {
  test::temp_dir tmp;
  // Removed between the scan and the read.
  CHECK(fault_of(tmp.file("vanished.md")) ==
        "cannot be opened: No such file or directory");
  // Not opened for reading in a way that waits for a writer.
  REQUIRE(::mkfifo(tmp.file("pipe.txt").c_str(), 0644) == 0);
  CHECK(fault_of(tmp.file("pipe.txt")) == "is not a regular file");
  CHECK(fault_of(tmp.str()) == "is not a regular file");
  // Opens as a regular file of size 0, then fails to read: address 0 of
  // this process is not mapped.
  if (fs::exists("/proc/self/mem"))
    CHECK(fault_of("/proc/self/mem") == "cannot be read: Input/output error");
}

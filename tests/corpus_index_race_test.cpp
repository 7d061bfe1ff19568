// Two processes building the same new corpus index at the same moment, as
// two `troupe run`s started together do: both must succeed and both must
// see every document.

#include "runtime/errors.hpp"
#include "support/test_system.hpp"
#include "tools/corpus_index.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace troupe;
namespace fs = std::filesystem;

namespace {

constexpr int document_count = 30;

/// What one builder did: "ok" and the number of documents its search
/// found, or the error that stopped it.
std::string build_and_search(const std::string& corpus, const std::string& db) {
  auto index = corpus_index::open(corpus, db);
  if (!index)
    return "open failed: " + describe(index.error());
  auto stats = index->refresh();
  if (!stats)
    return "refresh failed: " + describe(stats.error());
  auto hits = index->search("shared", 2 * document_count);
  if (!hits)
    return "search failed: " + describe(hits.error());
  return "ok " + std::to_string(hits->size());
}

/// A forked builder that starts when the parent closes the write end of
/// `gate` and writes its result to a pipe the parent reads.
struct builder {
  pid_t pid = -1;
  int result_fd = -1;

  static builder start(const int (&gate)[2], const std::string& corpus,
                       const std::string& db) {
    int result_pipe[2];
    REQUIRE(::pipe(result_pipe) == 0);
    builder b;
    b.pid = ::fork();
    REQUIRE(b.pid >= 0);
    if (b.pid == 0) {
      ::close(result_pipe[0]);
      ::close(gate[1]);
      char byte = 0;
      // EOF once the parent closes the gate: both builders wake together.
      [[maybe_unused]] auto woke = ::read(gate[0], &byte, 1);
      auto result = build_and_search(corpus, db);
      [[maybe_unused]] auto wrote = ::write(result_pipe[1], result.data(), result.size());
      ::_exit(0);
    }
    ::close(result_pipe[1]);
    b.result_fd = result_pipe[0];
    return b;
  }

  std::string finish() const {
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::string result;
    char chunk[512];
    for (ssize_t n; (n = ::read(result_fd, chunk, sizeof chunk)) > 0;)
      result.append(chunk, static_cast<std::size_t>(n));
    ::close(result_fd);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      result += " (builder died)";
    return result;
  }
};

} // namespace

TEST_CASE("two processes build the same new corpus index at once", "[corpus][race]") {
  test::temp_dir tmp;
  fs::path corpus = tmp.file("corpus");
  fs::create_directories(corpus);
  for (int i = 0; i < document_count; ++i)
    std::ofstream{corpus / ("doc" + std::to_string(i) + ".md")}
        << "# Doc " << i << "\n\nshared words and marker" << i << "\n";
  auto expected = "ok " + std::to_string(document_count);
  for (int round = 0; round < 50; ++round) {
    INFO("round " << round);
    auto db = tmp.file("cache/round" + std::to_string(round) + "/index.sqlite");
    int gate[2];
    REQUIRE(::pipe(gate) == 0);
    auto first = builder::start(gate, corpus.string(), db);
    auto second = builder::start(gate, corpus.string(), db);
    ::close(gate[0]);
    ::close(gate[1]);
    CHECK(first.finish() == expected);
    CHECK(second.finish() == expected);
    CHECK(build_and_search(corpus.string(), db) == expected);
  }
}

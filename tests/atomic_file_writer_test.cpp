// The process's atomic file writer: every write answered, the newest text
// of a path wins, a failure comes back as an error value.

#include "runtime/errors.hpp"
#include "runtime/orchestrator/atomic_file_writer.hpp"
#include "support/test_system.hpp"

#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace troupe;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in{path};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("writes to one path are all answered and the last one stays",
          "[atomic_file_writer]") {
  test::test_system ts;
  test::temp_dir tmp;
  caf::scoped_actor self{ts.sys};
  auto writer = ts.sys.spawn<caf::detached>(atomic_file_writer);
  auto path = tmp.file("state.json");
  constexpr int writes = 50;
  for (int i = 0; i < writes; ++i)
    self->send(writer, caf::put_atom::value, path, "state " + std::to_string(i));
  // Sent last, answered last: the file holds the newest state by then.
  self->request(writer, caf::infinite, caf::put_atom::value, path, std::string{"final"})
      .receive([](bool ok) { CHECK(ok); },
               [](caf::error& err) { FAIL(caf::to_string(err)); });
  CHECK(read_all(path) == "final");
  self->send_exit(writer, caf::exit_reason::user_shutdown);
}

TEST_CASE("a write that cannot be made answers with an io_failed error",
          "[atomic_file_writer]") {
  test::test_system ts;
  test::temp_dir tmp;
  caf::scoped_actor self{ts.sys};
  auto writer = ts.sys.spawn<caf::detached>(atomic_file_writer);
  self->request(writer, caf::infinite, caf::put_atom::value,
                tmp.file("missing/state.json"), std::string{"x"})
      .receive([](bool) { FAIL("the write should fail"); },
               [](caf::error& err) {
                 CHECK(has_code(err, errc::io_failed));
                 CHECK_THAT(describe(err), Catch::Contains("missing/state.json"));
               });
  self->send_exit(writer, caf::exit_reason::user_shutdown);
}

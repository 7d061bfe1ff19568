#include "runtime/orchestrator/run_files.hpp"

#include "runtime/errors.hpp"
#include "runtime/orchestrator/binding_context.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace troupe {

namespace {

caf::error io_error(const std::string& what, const std::string& path) {
  return make_error(errc::io_failed, what + " " + path + ": " + std::strerror(errno));
}

std::string completed_steps(const run_outcome& outcome) {
  std::string out;
  if (const auto* obj = outcome.outputs.if_object())
    for (const auto& kvp : *obj)
      out += "- `" + std::string{kvp.key()} + "`\n";
  return out.empty() ? "- (none)\n" : out;
}

} // namespace

caf::error write_file_atomic(const std::string& path, const std::string& text) {
  auto tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return io_error("cannot create", tmp);
  size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      ::close(fd);
      return io_error("cannot write", tmp);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    return io_error("cannot flush", tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return io_error("cannot rename to", path);
  return caf::none;
}

std::string render_report(const scenario_spec& spec, const run_outcome& outcome) {
  if (outcome.status == "succeeded" && !spec.report.empty()) {
    boost::json::object none;
    binding_context ctx{none, outcome.outputs.as_object(), nullptr, ""};
    if (auto text = ctx.resolve(spec.report); text && text->is_string())
      return std::string{text->as_string().c_str()};
  }
  if (outcome.status == "succeeded")
    return "# " + spec.name + "\n\nThe run succeeded; its outputs are in result.json.\n";
  return "# " + spec.name + ": run " + outcome.status + "\n\n" + "Run `" +
         outcome.run_id + "` did not finish.\n\n**Cause:** " + outcome.error +
         "\n\n## Completed steps\n\nTheir outputs are kept in result.json:\n\n" +
         completed_steps(outcome);
}

boost::json::object render_result(const scenario_spec& spec, const run_outcome& outcome,
                                  const boost::json::object& inputs) {
  return {{"run_id", outcome.run_id},
          {"scenario", spec.name},
          {"scenario_file", spec.file},
          {"status", outcome.status},
          {"error", outcome.error},
          {"inputs", inputs},
          {"steps_completed", outcome.steps_completed},
          {"loop_rounds", outcome.loop_rounds},
          {"outputs", outcome.outputs}};
}

} // namespace troupe

// The `troupe` command: parses the command line and runs one subcommand.

#include "cli/agents_command.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/node_command.hpp"
#include "cli/run_command.hpp"
#include "cli/trace_command.hpp"
#include "runtime/errors.hpp"

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace troupe;
  // Progress goes to stderr; a reader that went away (`| head`) must not
  // kill a run before its state and result are written.
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  auto cl = parse_command_line(args);
  if (!cl) {
    std::fprintf(stderr, "troupe: %s\n", describe(cl.error()).c_str());
    return exit_usage;
  }
  if (cl->command == "help") {
    std::fputs(usage_text(), stdout);
    return exit_ok;
  }
  if (cl->command == "version") {
    std::puts("troupe 0.1.0");
    return exit_ok;
  }
  if (cl->command == "trace")
    return trace_command(cl->trace);
  if (cl->command == "agents")
    return agents_command(*cl);
  if (cl->command == "node")
    return node_command(*cl);
  if (cl->command == "resume")
    return resume_command(*cl);
  return cl->command == "validate" ? validate_command(*cl) : run_command(*cl);
}

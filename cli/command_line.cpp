#include "cli/command_line.hpp"

#include "runtime/errors.hpp"

namespace troupe {

namespace {

caf::error usage_error(const std::string& what) {
  return make_error(errc::invalid_input, what + " (see 'troupe help')");
}

caf::error add_input(command_line& cl, const std::string& kv) {
  auto eq = kv.find('=');
  if (eq == std::string::npos || eq == 0)
    return usage_error("--input takes NAME=VALUE, got '" + kv + "'");
  cl.inputs[kv.substr(0, eq)] = kv.substr(eq + 1);
  return caf::none;
}

caf::error parse_option(command_line& cl, const std::vector<std::string>& args,
                        size_t& i) {
  const auto& arg = args[i];
  auto value = [&]() -> caf::expected<std::string> {
    if (i + 1 >= args.size())
      return usage_error(arg + " needs a value");
    return args[++i];
  };
  if (arg == "--quiet" || arg == "-q") {
    cl.quiet = true;
    return caf::none;
  }
  if (arg == "--input" || arg == "-i" || arg == "--out" || arg == "--trace-content") {
    auto v = value();
    if (!v)
      return v.error();
    if (arg == "--out")
      cl.out_dir = *v;
    else if (arg == "--trace-content") {
      if (*v != "on" && *v != "off")
        return usage_error("--trace-content takes on or off, got '" + *v + "'");
      cl.capture_content = *v == "on";
    } else
      return add_input(cl, *v);
    return caf::none;
  }
  return usage_error("unknown option '" + arg + "'");
}

} // namespace

const char* usage_text() {
  return "usage: troupe run SCENARIO.json [--input NAME=VALUE]... [--out DIR]\n"
         "                 [--trace-content on|off] [--quiet]\n"
         "       troupe validate SCENARIO.json\n"
         "       troupe help | version\n"
         "\n"
         "run       runs a scenario; writes report.md, result.json and trace.jsonl\n"
         "          into DIR (default runs/<run-id>) and prints progress on stderr\n"
         "validate  checks a scenario file and reports every problem found\n"
         "\n"
         "exit codes: 0 ok, 1 run failed, 2 usage, 3 invalid scenario or input,\n"
         "            4 deadline or step limit reached, 5 setup failed\n";
}

caf::expected<command_line> parse_command_line(const std::vector<std::string>& args) {
  command_line cl;
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    cl.command = "help";
    return cl;
  }
  cl.command = args[0] == "--version" ? "version" : args[0];
  if (cl.command == "version")
    return cl;
  if (cl.command != "run" && cl.command != "validate")
    return usage_error("unknown command '" + cl.command + "'");
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i].rfind("-", 0) == 0) {
      if (auto err = parse_option(cl, args, i))
        return err;
    } else if (cl.scenario.empty()) {
      cl.scenario = args[i];
    } else {
      return usage_error("unexpected argument '" + args[i] + "'");
    }
  }
  if (cl.scenario.empty())
    return usage_error("'troupe " + cl.command + "' needs a scenario file");
  return cl;
}

} // namespace troupe

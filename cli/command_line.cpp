#include "cli/command_line.hpp"

#include "runtime/errors.hpp"

#include <cstdlib>
#include <functional>
#include <map>

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

/// The setter of an on/off option that sets `flag`.
auto on_off(const char* option, bool command_line::*flag) {
  return [option, flag](command_line& cl, const std::string& v) -> caf::error {
    if (v != "on" && v != "off")
      return usage_error(std::string{option} + " takes on or off, got '" + v + "'");
    cl.*flag = v == "on";
    return caf::none;
  };
}

caf::error set_max_usd(command_line& cl, const std::string& v) {
  char* end = nullptr;
  cl.max_usd = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || cl.max_usd < 0)
    return usage_error("--max-usd takes an amount in US dollars such as 0.50, got '" + v +
                       "'");
  return caf::none;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos)
      comma = text.size();
    if (comma > start)
      out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

caf::error add_placement(command_line& cl, const std::string& kv) {
  auto eq = kv.find('=');
  auto nodes = eq == std::string::npos ? std::vector<std::string>{}
                                       : split_list(kv.substr(eq + 1));
  if (eq == std::string::npos || eq == 0 || nodes.empty())
    return usage_error("--place takes AGENT=HOST:PORT[,HOST:PORT...], got '" + kv + "'");
  cl.placements[kv.substr(0, eq)] = std::move(nodes);
  return caf::none;
}

/// Options that take a value, and what each does with it.
using value_setter = std::function<caf::error(command_line&, const std::string&)>;

const std::map<std::string, value_setter>& value_options() {
  auto assign = [](std::string command_line::*field) {
    return [field](command_line& cl, const std::string& v) {
      cl.*field = v;
      return caf::error{};
    };
  };
  static const std::map<std::string, value_setter> options{
      {"--input", add_input},
      {"-i", add_input},
      {"--out", assign(&command_line::out_dir)},
      {"--trace-content", on_off("--trace-content", &command_line::capture_content)},
      {"--trace", on_off("--trace", &command_line::write_trace)},
      {"--providers", assign(&command_line::providers_file)},
      {"--base-url", assign(&command_line::base_url)},
      {"--model", assign(&command_line::model)},
      {"--api-key-env", assign(&command_line::api_key_env)},
      {"--max-usd", set_max_usd},
      {"--plugin",
       [](command_line& cl, const std::string& v) {
         cl.plugins.push_back(v);
         return caf::error{};
       }},
      {"--place", add_placement},
      {"--listen", assign(&command_line::listen)},
      {"--allow", assign(&command_line::allow)},
      {"--agents",
       [](command_line& cl, const std::string& v) {
         cl.hosted = split_list(v);
         return cl.hosted.empty() ? usage_error("--agents takes TYPE[,TYPE...]")
                                  : caf::error{};
       }},
  };
  return options;
}

caf::error parse_option(command_line& cl, const std::vector<std::string>& args,
                        size_t& i) {
  const auto& arg = args[i];
  if (arg == "--quiet" || arg == "-q") {
    cl.quiet = true;
    return caf::none;
  }
  if (arg == "--no-cache") {
    cl.use_cache = false;
    return caf::none;
  }
  if (arg == "--approve" || arg == "--reject") {
    auto decision = arg.substr(2);
    if (!cl.approval.empty() && cl.approval != decision)
      return usage_error("--approve and --reject exclude each other");
    cl.approval = decision;
    return caf::none;
  }
  auto option = value_options().find(arg);
  if (option == value_options().end())
    return usage_error("unknown option '" + arg + "'");
  if (i + 1 >= args.size())
    return usage_error(arg + " needs a value");
  return option->second(cl, args[++i]);
}

} // namespace

const char* usage_text() {
  return "usage: troupe run SCENARIO.json [--input NAME=VALUE]... [--out DIR]\n"
         "                 [--providers FILE] [--base-url URL [--model NAME]\n"
         "                 [--api-key-env VAR]] [--max-usd N] [--no-cache]\n"
         "                 [--trace on|off] [--trace-content on|off] [--quiet]\n"
         "                 [--plugin PATH]... [--approve | --reject]\n"
         "                 [--place AGENT=HOST:PORT[,HOST:PORT...]]...\n"
         "       troupe resume DIR [--approve | --reject] [--plugin PATH]... [--quiet]\n"
         "       troupe validate SCENARIO.json [--providers FILE] [--plugin PATH]...\n"
         "       troupe agents [--plugin PATH]...\n"
         "       troupe node --listen HOST:PORT [--agents TYPE,...] [--allow LIST]\n"
         "                 [--providers FILE] [--plugin PATH]...\n"
         "       troupe trace [tree|messages|timeline] TRACE [options]\n"
         "       troupe trace export TRACE --format perfetto|otlp|mermaid [--out FILE]\n"
         "       troupe trace diff TRACE_A TRACE_B\n"
         "       troupe help | version\n"
         "\n"
         "run       runs a scenario; writes report.md, result.json and trace.jsonl\n"
         "          into DIR (default runs/<run-id>) and prints progress on stderr\n"
         "resume    goes on with a run that was killed, interrupted or failed, from\n"
         "          its last completed step (DIR/state.json), in the same folder,\n"
         "          with the same run id; finished steps are not run or paid again\n"
         "validate  checks a scenario file and reports every problem found\n"
         "agents    lists the agent types scenarios may use, with their inputs,\n"
         "          outputs, prompt variables and tool params\n"
         "node      hosts agents for runs in other processes or machines until\n"
         "          SIGTERM (see docs/distributed.md); --allow: addresses and CIDR\n"
         "          blocks it serves (default loopback only); TROUPE_NODE_TOKEN, if\n"
         "          set, is a secret every run placing agents there must also set;\n"
         "          --providers FILE: its agents' model calls go to those providers\n"
         "          (e.g. a model server next to the node), charged to the run\n"
         "trace     reads a run's trace (DIR/trace.jsonl, or DIR): by default a\n"
         "          summary (status, steps, calls, cost by agent, route, provider\n"
         "          and model, retries, failovers, budget left, errors);\n"
         "          tree: the span tree with durations and costs\n"
         "            [--color=auto|always|never]\n"
         "          messages: who sent what to whom, in time order\n"
         "            [--agent A] [--kind K] [--step S] (each repeatable, or A,B)\n"
         "            [--since SECONDS] [--grep TEXT] [--json]\n"
         "            [--follow]: as a run writes them, until it ends\n"
         "          timeline: each agent's tasks over time [--width N]\n"
         "          export: for Perfetto (Chrome trace JSON), an OpenTelemetry\n"
         "            collector (OTLP/JSON) or Mermaid (a sequence diagram)\n"
         "          diff: two runs side by side: steps, cost, time, models and\n"
         "            outputs, with the changes from A to B\n"
         "\n"
         "--providers FILE  providers, routes and router policies (JSON) that add to\n"
         "                  or replace the scenario's own 'models' section\n"
         "--base-url URL    an OpenAI-compatible endpoint (llama.cpp, Ollama, vLLM,\n"
         "                  OpenAI...) tried first on every route; the scenario's own\n"
         "                  targets stay as fallback. --model names the model there\n"
         "                  (default 'default'), --api-key-env the variable with its "
         "key\n"
         "--max-usd N       stop the run before its model calls could cost more than N\n"
         "--no-cache        neither read nor store cached model answers\n"
         "--approve, --reject  decide the scenario's approval steps; without them a\n"
         "                  person at the terminal is asked, and without a terminal\n"
         "                  an approval step fails\n"
         "--plugin PATH     load agent types from a plugin (.so) before the scenario;\n"
         "                  repeatable (see docs/writing-agents.md)\n"
         "--place AGENT=HOST:PORT[,...]  run AGENT on those `troupe node`s, tasks\n"
         "                  spread across them (the scenario's \"placement\")\n"
         "\n"
         "exit codes: 0 ok, 1 run failed, 2 usage, 3 invalid scenario, input or trace,\n"
         "            4 deadline, step limit or budget reached, 5 setup failed,\n"
         "            6 rejected at an approval step, 130 interrupted (SIGINT, "
         "SIGTERM)\n";
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
  if (cl.command == "trace") {
    auto trace = parse_trace_arguments({args.begin() + 1, args.end()});
    if (!trace)
      return trace.error();
    cl.trace = std::move(*trace);
    return cl;
  }
  if (cl.command != "run" && cl.command != "validate" && cl.command != "resume" &&
      cl.command != "agents" && cl.command != "node")
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
  if (cl.command == "agents" && !cl.scenario.empty())
    return usage_error("'troupe agents' takes no file; load plugins with --plugin PATH");
  if (cl.command == "node")
    return cl.scenario.empty() && !cl.listen.empty()
               ? caf::expected<command_line>{std::move(cl)}
               : usage_error("'troupe node' takes no file and needs --listen HOST:PORT, "
                             "e.g. --listen 127.0.0.1:7101");
  if (cl.scenario.empty() && cl.command != "agents")
    return usage_error(
        "'troupe " + cl.command + "' needs " +
        (cl.command == "resume" ? "a run's output folder" : "a scenario file"));
  return cl;
}

} // namespace troupe
